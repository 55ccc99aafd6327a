/** Vuetify with a Magento-admin look: charcoal navigation, orange primary actions, compact density. */
import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createVuetify } from 'vuetify';

export default createVuetify({
  theme: {
    defaultTheme: 'magento',
    themes: {
      magento: {
        dark: false,
        colors: {
          primary: '#eb5202',
          secondary: '#514943',
          background: '#f8f8f8',
          surface: '#ffffff',
          error: '#e22626',
          success: '#185b00',
          warning: '#c07600',
          info: '#007bdb',
          'nav-bg': '#373330',
        },
      },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'compact', hideDetails: 'auto', color: 'info' },
    VSelect: { variant: 'outlined', density: 'compact', hideDetails: 'auto', color: 'info' },
    VAutocomplete: { variant: 'outlined', density: 'compact', hideDetails: 'auto', color: 'info' },
    VBtn: { rounded: 0, class: 'text-none' },
    VCard: { rounded: 0 },
    VChip: { rounded: 'sm' },
    VAlert: { rounded: 0 },
  },
});
