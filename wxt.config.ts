import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  srcDir: '.',
  modulesDir: 'wxt-modules',
  // Explicit imports keep module boundaries visible to lint and to readers.
  imports: false,
  manifest: {
    name: 'ClaimLens',
    description:
      'Highlights claims on news pages and shows what the sources say. Nothing leaves your browser.',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: {
        id: 'claimlens@claimlens.invalid',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
