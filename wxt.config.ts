import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  srcDir: '.',
  modulesDir: 'wxt-modules',
  // Explicit imports keep module boundaries visible to lint and to readers.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
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
