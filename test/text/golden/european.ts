/**
 * Held-apart German, Spanish and French cases, written for this evaluation: ordinals,
 * abbreviations (also spaced), titles, digit groups and the languages' own quotes.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const HELD_GERMAN: CorpusClass = {
  name: 'German',
  language: 'de',
  cases: [
    c('Die Messe findet am 7. März statt.', 'Die Messe findet am 7. März statt.'),
    c('Wir fahren am 15. August los. Das Auto ist gepackt.', 'Wir fahren am 15. August los.', 'Das Auto ist gepackt.'),
    c('Man braucht z. B. einen Ausweis.', 'Man braucht z. B. einen Ausweis.'),
    c('Das steht auf S. 112 im zweiten Band.', 'Das steht auf S. 112 im zweiten Band.'),
    c('Die Kanzlei ist in der Hauptstr. 8 im Erdgeschoss.', 'Die Kanzlei ist in der Hauptstr. 8 im Erdgeschoss.'),
    c('Wir brauchen Stifte, Papier usw. Den Rest kaufen wir später.', 'Wir brauchen Stifte, Papier usw.', 'Den Rest kaufen wir später.'),
    c('Der Preis liegt bei 2.500.000 Euro.', 'Der Preis liegt bei 2.500.000 Euro.'),
    c('Sie sagte: „Das glaube ich nicht.“ Dann lachte sie.', 'Sie sagte: „Das glaube ich nicht.“', 'Dann lachte sie.'),
    c('Dr. Klein und Prof. Dr. Braun sprechen zuerst.', 'Dr. Klein und Prof. Dr. Braun sprechen zuerst.'),
    c('Das Spiel endete im 3. Satz. Die Halle tobte.', 'Das Spiel endete im 3. Satz.', 'Die Halle tobte.'),
    c('Bitte beachten Sie Abs. 2 des Vertrags.', 'Bitte beachten Sie Abs. 2 des Vertrags.'),
    c('Er ist ca. 1,80 m groß.', 'Er ist ca. 1,80 m groß.'),
    c('Es gab Obst, Gemüse u. v. m. auf dem Markt.', 'Es gab Obst, Gemüse u. v. m. auf dem Markt.'),
    c('Sie belegte den 2. Platz. Ihr Trainer war stolz.', 'Sie belegte den 2. Platz.', 'Ihr Trainer war stolz.'),
    c('Der Laden hat Mo. bis Fr. geöffnet.', 'Der Laden hat Mo. bis Fr. geöffnet.'),
    c('Das Gesetz gilt seit dem 1. Januar 2024.', 'Das Gesetz gilt seit dem 1. Januar 2024.'),
    c('Ich komme gleich! Warte kurz.', 'Ich komme gleich!', 'Warte kurz.'),
    c('Die Tagung beginnt um 9.30 Uhr. Danach gibt es Kaffee.', 'Die Tagung beginnt um 9.30 Uhr.', 'Danach gibt es Kaffee.'),
    c('Er wohnt in der Goethestr. 5 in Weimar.', 'Er wohnt in der Goethestr. 5 in Weimar.'),
    c('Treffpunkt ist die Bahnhofstr. Dort warten wir.', 'Treffpunkt ist die Bahnhofstr.', 'Dort warten wir.'),
    c('Am Mo., 3. Juni, ist Feiertag.', 'Am Mo., 3. Juni, ist Feiertag.'),
    c('Die Kosten betragen 1.234,56 €. Zahlbar sofort.', 'Die Kosten betragen 1.234,56 €.', 'Zahlbar sofort.'),
    c('Das war im Jahr 2020. Seitdem ist viel passiert.', 'Das war im Jahr 2020.', 'Seitdem ist viel passiert.'),
    c('Wir sehen uns am 5.6. wieder.', 'Wir sehen uns am 5.6. wieder.'),
    c('Der Zug kommt um 14.45 Uhr an.', 'Der Zug kommt um 14.45 Uhr an.'),
    c('Sie hat drei Kinder. Das jüngste ist 5.', 'Sie hat drei Kinder.', 'Das jüngste ist 5.'),
  ],
};

export const HELD_SPANISH: CorpusClass = {
  name: 'Spanish',
  language: 'es',
  cases: [
    c('La Srta. Gómez llegó temprano.', 'La Srta. Gómez llegó temprano.'),
    c('El Lic. Herrera firmó el contrato. Todos aplaudieron.', 'El Lic. Herrera firmó el contrato.', 'Todos aplaudieron.'),
    c('¿Vienes mañana? Te espero a las ocho.', '¿Vienes mañana?', 'Te espero a las ocho.'),
    c('¡Qué sorpresa! No te esperaba.', '¡Qué sorpresa!', 'No te esperaba.'),
    c('El Sr. Ruiz y la Sra. Díaz viajan juntos.', 'El Sr. Ruiz y la Sra. Díaz viajan juntos.'),
    c('La población supera los 1.500.000 habitantes.', 'La población supera los 1.500.000 habitantes.'),
    c('Vive en EE. UU. desde hace años.', 'Vive en EE. UU. desde hace años.'),
    c('Consulte la pág. 34 del manual.', 'Consulte la pág. 34 del manual.'),
    c('El Dr. Vargas atiende hoy. Mañana no.', 'El Dr. Vargas atiende hoy.', 'Mañana no.'),
    c('Compramos pan, leche, etc. Luego volvimos a casa.', 'Compramos pan, leche, etc.', 'Luego volvimos a casa.'),
    c('Ella dijo: «Ya voy». Luego colgó.', 'Ella dijo: «Ya voy».', 'Luego colgó.'),
    c('La Dra. Méndez publicó el estudio.', 'La Dra. Méndez publicó el estudio.'),
    c('Nació el 5 de mayo de 1990. Hoy cumple años.', 'Nació el 5 de mayo de 1990.', 'Hoy cumple años.'),
    c('La reunión es a las 10 a. m. del lunes.', 'La reunión es a las 10 a. m. del lunes.'),
    c('Ud. tiene toda la razón.', 'Ud. tiene toda la razón.'),
    c('Vea el cap. 3 para más detalles.', 'Vea el cap. 3 para más detalles.'),
    c('¿Qué hora es? Son las tres.', '¿Qué hora es?', 'Son las tres.'),
  ],
};

export const HELD_FRENCH: CorpusClass = {
  name: 'French',
  language: 'fr',
  cases: [
    c('M. Dupont arrive demain.', 'M. Dupont arrive demain.'),
    c('Mme Leroy et M. Petit sont absents. La réunion est reportée.', 'Mme Leroy et M. Petit sont absents.', 'La réunion est reportée.'),
    c('Il faut p. ex. un justificatif.', 'Il faut p. ex. un justificatif.'),
    c('Elle a dit : « Je reviens. » Puis elle est partie.', 'Elle a dit : « Je reviens. »', 'Puis elle est partie.'),
    c('Quelle heure est-il ? Il est tard.', 'Quelle heure est-il ?', 'Il est tard.'),
    c('Attention ! Le sol est glissant.', 'Attention !', 'Le sol est glissant.'),
    c('Voir p. 18 pour les détails.', 'Voir p. 18 pour les détails.'),
    c('Le Dr Martin consulte le lundi. Le mardi, il opère.', 'Le Dr Martin consulte le lundi.', 'Le mardi, il opère.'),
    c('Il y avait des pommes, des poires, etc. Nous avons tout mangé.', 'Il y avait des pommes, des poires, etc.', 'Nous avons tout mangé.'),
    c('La ville compte 2 300 000 habitants.', 'La ville compte 2 300 000 habitants.'),
    c('Il est né en 1990. Il a grandi à Lyon.', 'Il est né en 1990.', 'Il a grandi à Lyon.'),
    c("Voir l'art. 12 du code civil.", "Voir l'art. 12 du code civil."),
    c('« Tu viens ? » demanda-t-il.', '« Tu viens ? » demanda-t-il.'),
    c('Il a dit « Non ! » et il est parti.', 'Il a dit « Non ! » et il est parti.'),
    c('Cf. la figure 2 en annexe.', 'Cf. la figure 2 en annexe.'),
  ],
};
