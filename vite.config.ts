import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * Cross-origin isolation headers are sent by default in dev and preview. OSTEOPLAN_NO_ISOLATION=1 turns them
 * off so that tests can prove the app also works without them (plain HTTP on a LAN, stack.md P6).
 */
const isolated = process.env.OSTEOPLAN_NO_ISOLATION !== '1'
const headers: Record<string, string> = isolated
  ? {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    }
  : {}

export default defineConfig({
  plugins: [react()],
  optimizeDeps: {
    // The loader discovers its codecs at run time; the codecs are CommonJS and must be pre-bundled in dev,
    // and core/metadata/utils/tools together so that only one metadata registry exists (stack.md P2, P4).
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      'dicom-parser',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-libjxl/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
      '@cornerstonejs/core',
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
      '@cornerstonejs/tools',
    ],
  },
  worker: { format: 'es' },
  server: { headers },
  preview: { headers },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
})
