/** French: titles, abbreviations, spaced ? and !, « » quotes. */
import { type CorpusClass, c } from './corpus-case.js';

export const FRENCH: CorpusClass = {
  name: 'French',
  language: 'fr',
  cases: [
    c('M. Dupont est arrivé hier.', 'M. Dupont est arrivé hier.'),
    c('Mme Martin et M. Bernard sont là.', 'Mme Martin et M. Bernard sont là.'),
    c('Il fait beau. Nous sortons.', 'Il fait beau.', 'Nous sortons.'),
    c('Vraiment ? Oui, vraiment.', 'Vraiment ?', 'Oui, vraiment.'),
    c('Quelle surprise ! Je ne savais pas.', 'Quelle surprise !', 'Je ne savais pas.'),
    c('« Bonjour. » Il entra.', '« Bonjour. »', 'Il entra.'),
    c('Il a dit « Viens ! » et il est parti.', 'Il a dit « Viens ! » et il est parti.'),
    c('On trouve des fruits, p. ex. des pommes.', 'On trouve des fruits, p. ex. des pommes.'),
    c('Voir p. 12 pour les détails.', 'Voir p. 12 pour les détails.'),
    c('Il est né en 52 av. J.-C. à Rome.', 'Il est né en 52 av. J.-C. à Rome.'),
    c('Le Dr. Lefèvre consulte le mardi.', 'Le Dr. Lefèvre consulte le mardi.'),
    c('Nous avons acheté du pain, du lait, etc. Ensuite nous sommes rentrés.', 'Nous avons acheté du pain, du lait, etc.', 'Ensuite nous sommes rentrés.'),
    c("C'est fini. Allons-y.", "C'est fini.", 'Allons-y.'),
    c('Le prix est de 12,50 €. C’est raisonnable.', 'Le prix est de 12,50 €.', 'C’est raisonnable.'),
    c('Mlle Dubois chante bien.', 'Mlle Dubois chante bien.'),
    c('Il est 10 h. Le train part.', 'Il est 10 h.', 'Le train part.'),
    c('Le chap. 3 explique tout.', 'Le chap. 3 explique tout.'),
    c('Pourquoi pas ? On verra.', 'Pourquoi pas ?', 'On verra.'),
    c('Je pense donc je suis.', 'Je pense donc je suis.'),
    c('La Ste. Chapelle est belle.', 'La Ste. Chapelle est belle.'),
    c('MM. Durand et Petit sont partis.', 'MM. Durand et Petit sont partis.'),
    c('Le 1er mai est férié. Tout est fermé.', 'Le 1er mai est férié.', 'Tout est fermé.'),
    c('Il a environ 30 ans, cf. le dossier.', 'Il a environ 30 ans, cf. le dossier.'),
    c('Elle a répondu : « Non. » Puis elle est sortie.', 'Elle a répondu : « Non. »', 'Puis elle est sortie.'),
  ],
};
