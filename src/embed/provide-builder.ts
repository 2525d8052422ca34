// Hands the "Embed this widget" panel to the widgets' shells on this page
// (see src/widgets/kit/embed-builder.ts); the panel itself loads on first use.
import { provideEmbedBuilder } from '../widgets/kit/embed-builder.ts';

provideEmbedBuilder(() => import('./EmbedBuilder.tsx').then((m) => m.EmbedBuilder));
// Marks the page, so a test can check that every page with a widget offers the panel.
document.documentElement.dataset.vlEmbedBuilder = '';
