/**
 * The figures the ECT simulation judges a plan by, with their sources (FACTS.md sections; [U] where the
 * figure is not in FACTS.md).
 */

/** Tumour thresholds, V/cm (FACTS §4.2 Go-Smart table; §8 case 14). */
export const TUMOUR_REVERSIBLE_VPERCM = 400
export const TUMOUR_IRREVERSIBLE_VPERCM = 800

/**
 * Coverage counted as complete: 100 % is the goal (FACTS §4.3); 99 % allows for the staircased tumour edge
 * on a 1.5 mm grid (one voxel layer of a 28 mm lesion is ~20 % of it, so 1 % is a few edge voxels) [U].
 * 94 % is "incomplete" (FACTS §8 case 14).
 */
export const COMPLETE_COVERAGE = 0.99

/**
 * Generator limits [U — not in FACTS.md]: the Cliniporator VITAE delivers up to 3000 V and 50 A per pulse
 * (Bertacchini et al., Technol Cancer Res Treat 2007;6:313).
 */
export const GENERATOR_MAX_CURRENT_A = 50
export const GENERATOR_MAX_VOLTAGE_V = 3000
export const GENERATOR_SOURCE =
  'Cliniporator VITAE: 3000 V, 50 A (Bertacchini 2007) [U — not in FACTS.md]'

/** Naive voltage-to-distance rule for needles, V/cm (ESOPE, FACTS §4.1). */
export const NAIVE_TARGET_VPERCM = 1000

export const FIELD_SOURCE =
  'Finite-volume potential ∇·(σ∇φ) = 0 on the CT grid, σ per tissue rising with |E| (sigmoid, FACTS §4.2, ' +
  'Go-Smart thresholds; Čorović 2013); needles outside the active pair float (zero net current); treatment ' +
  'field = maximum over the activated pairs (src/sim/efield).'

export const FIELD_UNCERTAINTY =
  'Thresholds are one published set (tumour 400/800 V/cm, ±~10 %: rabbit liver 362 ± 21 / 637 ± 43 V/cm, ' +
  'FACTS §4.2); baseline σ ranges (tumour 0.1–0.4 S/m) shift the field in the tumour by up to ~±30 % ' +
  'where bone surrounds it; contours are placed to about one voxel (1.5 mm) on the CT grid.'

export const MODEL_NOTE =
  'Quasi-static electric potential ∇·(σ∇φ) = 0 solved on the CT voxel grid (finite volumes, ' +
  'multigrid-preconditioned CG) in a box around the electrodes and the tumour; each needle is metal ' +
  '(thin-needle Peaceman correction): the active pair is held at its voltage, and the other needles, ' +
  'disconnected by the generator but still in the tissue, float (equipotential, zero net current), which ' +
  'bends the field towards them. Linear fields come from superposing one solution per needle. During the pulse σ rises from its baseline to its ' +
  'electroporated value as the local field passes the reversible then the irreversible threshold (sigmoid, ' +
  'FACTS §4.2; Šel 2005, Čorović 2013), iterated to σ = σ(E) within 1 % for every pair. The treatment field ' +
  'is the maximum over the activated pairs; coverage is the fraction of the tumour at or above its ' +
  'reversible threshold (400 V/cm): 100 % is the goal, 94 % was a partial response (Miklavčič 2010, FACTS ' +
  '§4.3, §8). The voltage-to-distance ratio is shown only to contrast it with the computed local field ' +
  '(Čorović 2007). Not modelled: pulse-number effects on σ, heating (8 × 100 µs is far from thermal), the ' +
  'drug distribution, electrode polarisation. Teaching model, not for clinical use.'
