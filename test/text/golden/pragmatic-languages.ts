/**
 * Golden rules in other languages: pragmatic_segmenter's README ("Golden Rules" for German,
 * Japanese, Spanish and eleven more languages; Kevin Dias, MIT licence,
 * https://github.com/diasks2/pragmatic_segmenter) and pySBD's language tests (tests/lang/
 * test_deutsch.py, test_spanish.py, test_french.py, test_japanese.py, test_chinese.py; Nipun
 * Sadvilkar, MIT licence, https://github.com/nipunsadvilkar/pySBD). Expected splits are theirs,
 * as slices of the text; a few long texts are cut short to the sentences that test something.
 * Left out: their PDF-cleaning cases (which rejoin hard-wrapped lines before splitting: a stream
 * of LLM text has no page layout to undo), and the Arabic rules that split at colons and commas,
 * which a voice reads as pauses inside a sentence.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const PRAGMATIC_GERMAN: CorpusClass = {
  name: 'golden rules and pySBD (German)',
  language: 'de',
  cases: [
    c(
      '„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“ Wir haben 1.000.000 Euro.',
      '„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“',
      'Wir haben 1.000.000 Euro.',
    ),
    c(
      'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.',
      'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.',
    ),
    c('Was sind die Konsequenzen der Abstimmung vom 12. Juni?', 'Was sind die Konsequenzen der Abstimmung vom 12. Juni?'),
    c(
      'Thomas sagte: ,,Wann kommst zu mir?” ,,Das weiß ich noch nicht“, antwortete Susi, ,,wahrscheinlich am Sonntag.“ Wir haben 1.000.000 Euro.',
      'Thomas sagte: ,,Wann kommst zu mir?” ,,Das weiß ich noch nicht“, antwortete Susi, ,,wahrscheinlich am Sonntag.“',
      'Wir haben 1.000.000 Euro.',
    ),
    c(
      '„Lass uns jetzt essen gehen!“, sagte die Mutter zu ihrer Freundin, „am besten zum Italiener.“',
      '„Lass uns jetzt essen gehen!“, sagte die Mutter zu ihrer Freundin, „am besten zum Italiener.“',
    ),
    c('Wir haben 1.000.000 Euro.', 'Wir haben 1.000.000 Euro.'),
    c('Sie bekommen 3,50 Euro zurück.', 'Sie bekommen 3,50 Euro zurück.'),
    c('Dafür brauchen wir 5,5 Stunden.', 'Dafür brauchen wir 5,5 Stunden.'),
    c('Bitte überweisen Sie 5.300,25 Euro.', 'Bitte überweisen Sie 5.300,25 Euro.'),
    c('1. Dies ist eine Punkteliste.', '1. Dies ist eine Punkteliste.'),
    c('Wir trafen Dr. med. Meyer in der Stadt.', 'Wir trafen Dr. med. Meyer in der Stadt.'),
    c('Wir brauchen Getränke, z. B. Wasser, Saft, Bier usw.', 'Wir brauchen Getränke, z. B. Wasser, Saft, Bier usw.'),
    c('Ich kann u.a. Spanisch sprechen.', 'Ich kann u.a. Spanisch sprechen.'),
    c('Frau Prof. Schulze ist z. Z. nicht da.', 'Frau Prof. Schulze ist z. Z. nicht da.'),
    c('Sie erhalten ein neues Bank-Statement bzw. ein neues Schreiben.', 'Sie erhalten ein neues Bank-Statement bzw. ein neues Schreiben.'),
    c('Z. T. ist die Lieferung unvollständig.', 'Z. T. ist die Lieferung unvollständig.'),
    c('Das finden Sie auf S. 225.', 'Das finden Sie auf S. 225.'),
    c('Sie besucht eine kath. Schule.', 'Sie besucht eine kath. Schule.'),
    c('Wir benötigen Zeitungen, Zeitschriften u. Ä. für unser Projekt.', 'Wir benötigen Zeitungen, Zeitschriften u. Ä. für unser Projekt.'),
    c('Das steht auf S. 23, s. vorherige Anmerkung.', 'Das steht auf S. 23, s. vorherige Anmerkung.'),
    c('Dies ist meine Adresse: Dr. Meier, Berliner Str. 5, 21234 Bremen.', 'Dies ist meine Adresse: Dr. Meier, Berliner Str. 5, 21234 Bremen.'),
    c('Er sagte: „Hallo, wie geht´s Ihnen, Frau Prof. Müller?“', 'Er sagte: „Hallo, wie geht´s Ihnen, Frau Prof. Müller?“'),
    c(
      'Fit in vier Wochen\n\nDeine Anleitung für eine reine Ernährung und ein gesünderes und glücklicheres Leben\n\nRECHTLICHE HINWEISE\n\nOhne die ausdrückliche schriftliche Genehmigung der Eigentümerin von instafemmefitness, Anna Anderson, darf dieses E-Book weder teilweise noch in vollem Umfang reproduziert, gespeichert, kopiert oder auf irgendeine Weise übertragen werden. Wenn Du das E-Book auf einem öffentlich zugänglichen Computer ausdruckst, musst Du es nach dem Ausdrucken von dem Computer löschen. Jedes E-Book wird mit einem Benutzernamen und Transaktionsinformationen versehen.\n\nVerstöße gegen dieses Urheberrecht werden im vollen gesetzlichen Umfang geltend gemacht.\nHintergrundillustrationen Urheberrecht © 2013 bei Shuttershock, Buchgestaltung und -produktion durch Anna Anderson Verfasst von Anna Anderson\nUrheberrecht © 2014 Instafemmefitness. Alle Rechte vorbehalten\n\nÜber mich',
      'Fit in vier Wochen',
      'Deine Anleitung für eine reine Ernährung und ein gesünderes und glücklicheres Leben',
      'RECHTLICHE HINWEISE',
      'Ohne die ausdrückliche schriftliche Genehmigung der Eigentümerin von instafemmefitness, Anna Anderson, darf dieses E-Book weder teilweise noch in vollem Umfang reproduziert, gespeichert, kopiert oder auf irgendeine Weise übertragen werden.',
      'Wenn Du das E-Book auf einem öffentlich zugänglichen Computer ausdruckst, musst Du es nach dem Ausdrucken von dem Computer löschen.',
      'Jedes E-Book wird mit einem Benutzernamen und Transaktionsinformationen versehen.',
      'Verstöße gegen dieses Urheberrecht werden im vollen gesetzlichen Umfang geltend gemacht.',
      'Hintergrundillustrationen Urheberrecht © 2013 bei Shuttershock, Buchgestaltung und -produktion durch Anna Anderson Verfasst von Anna Anderson',
      'Urheberrecht © 2014 Instafemmefitness.',
      'Alle Rechte vorbehalten',
      'Über mich',
    ),
    c(
      'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist. Ich persönlich kaufe kein Junkfood oder etwas, das nicht rein ist (ich traue mir da selbst nicht!). Ich finde jeden Vorwand, um das Junkfood zu essen. Es ist schon komisch, was unser Verstand mitunter anstellt!',
      'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.',
      'Ich persönlich kaufe kein Junkfood oder etwas, das nicht rein ist (ich traue mir da selbst nicht!).',
      'Ich finde jeden Vorwand, um das Junkfood zu essen.',
      'Es ist schon komisch, was unser Verstand mitunter anstellt!',
    ),
    c(
      'Ob Sie in Hannover nur auf der Durchreise oder zum Besuch einer der zahlreichen Messen sind: Die Hauptstadt des Landes Niedersachsens ist zu jeder Jahreszeit eine Reise Wert. \nHannovers Ursprünge können bis zur römischen Kaiserzeit zurückverfolgt werden, und zwar durch Ausgrabungen von Tongefäßen aus dem 1. -3. Jahrhundert nach Christus.',
      'Ob Sie in Hannover nur auf der Durchreise oder zum Besuch einer der zahlreichen Messen sind: Die Hauptstadt des Landes Niedersachsens ist zu jeder Jahreszeit eine Reise Wert.',
      'Hannovers Ursprünge können bis zur römischen Kaiserzeit zurückverfolgt werden, und zwar durch Ausgrabungen von Tongefäßen aus dem 1. -3. Jahrhundert nach Christus.',
    ),
    c(
      '• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel! \n• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch! \n• 5. Treiben Sie regelmäßig Sport! \n',
      '• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel!',
      '• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch!',
      '• 5. Treiben Sie regelmäßig Sport!',
    ),
    c(
      'Was pro Jahr10. Zudem pro Jahr um 0.3 %11. Der gängigen Theorie nach erfolgt der Anstieg.',
      'Was pro Jahr10.',
      'Zudem pro Jahr um 0.3 %11.',
      'Der gängigen Theorie nach erfolgt der Anstieg.',
    ),
    c('s. vorherige Anmerkung.', 's. vorherige Anmerkung.'),
    c(
      'Mit Inkrafttreten des Mindestlohngesetzes (MiLoG) zum 01. Januar 2015 werden in Bezug auf den Einsatz von Leistungs.',
      'Mit Inkrafttreten des Mindestlohngesetzes (MiLoG) zum 01. Januar 2015 werden in Bezug auf den Einsatz von Leistungs.',
    ),
    c(
      '\n• einige Sorten Weichkäse  \n• rohes oder nicht ganz durchgebratenes Fleisch  \n• ungeputztes Gemüse und ungewaschener Salat',
      '• einige Sorten Weichkäse',
      '• rohes oder nicht ganz durchgebratenes Fleisch',
      '• ungeputztes Gemüse und ungewaschener Salat',
    ),
  ],
};

export const PRAGMATIC_SPANISH: CorpusClass = {
  name: 'golden rules and pySBD (Spanish)',
  language: 'es',
  cases: [
    c('¿Cómo está hoy? Espero que muy bien.', '¿Cómo está hoy?', 'Espero que muy bien.'),
    c('¡Hola señorita! Espero que muy bien.', '¡Hola señorita!', 'Espero que muy bien.'),
    c(
      'Hola Srta. Ledesma. Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser.',
      'Hola Srta. Ledesma.',
      'Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser.',
    ),
    c(
      '¡La casa cuesta $170.500.000,00! ¡Muy costosa! Se prevé una disminución del 12.5% para el próximo año.',
      '¡La casa cuesta $170.500.000,00!',
      '¡Muy costosa!',
      'Se prevé una disminución del 12.5% para el próximo año.',
    ),
    c(
      '«Ninguna mente extraordinaria está exenta de un toque de demencia.», dijo Aristóteles.',
      '«Ninguna mente extraordinaria está exenta de un toque de demencia.», dijo Aristóteles.',
    ),
    c(
      '«Ninguna mente extraordinaria está exenta de un toque de demencia», dijo Aristóteles. Pablo, ¿adónde vas? ¡¿Qué viste?!',
      '«Ninguna mente extraordinaria está exenta de un toque de demencia», dijo Aristóteles.',
      'Pablo, ¿adónde vas?',
      '¡¿Qué viste?!',
    ),
    c('Admón. es administración o me equivoco.', 'Admón. es administración o me equivoco.'),
    c('¡Hola Srta. Ledesma! ¿Cómo está hoy? Espero que muy bien.', '¡Hola Srta. Ledesma!', '¿Cómo está hoy?', 'Espero que muy bien.'),
    c('Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser.', 'Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser.'),
    c(
      'He apuntado una cita para la siguiente fecha: Mar. 23 de Nov. de 2014. Gracias.',
      'He apuntado una cita para la siguiente fecha: Mar. 23 de Nov. de 2014.',
      'Gracias.',
    ),
    c('Núm. de tel: 351.123.465.4. Envíe mis saludos a la Sra. Rescia.', 'Núm. de tel: 351.123.465.4.', 'Envíe mis saludos a la Sra. Rescia.'),
    c(
      'Cero en la escala Celsius o de grados centígrados (0 °C) se define como el equivalente a 273.15 K, con una diferencia de temperatura de 1 °C equivalente a una diferencia de 1 Kelvin. Esto significa que 100 °C, definido como el punto de ebullición del agua, se define como el equivalente a 373.15 K.',
      'Cero en la escala Celsius o de grados centígrados (0 °C) se define como el equivalente a 273.15 K, con una diferencia de temperatura de 1 °C equivalente a una diferencia de 1 Kelvin.',
      'Esto significa que 100 °C, definido como el punto de ebullición del agua, se define como el equivalente a 373.15 K.',
    ),
    c(
      'Durante la primera misión del Discovery (30 Ago. 1984 15:08.10) tuvo lugar el lanzamiento de dos satélites de comunicación, el nombre de esta misión fue STS-41-D.',
      'Durante la primera misión del Discovery (30 Ago. 1984 15:08.10) tuvo lugar el lanzamiento de dos satélites de comunicación, el nombre de esta misión fue STS-41-D.',
    ),
    c(
      'Frase del gran José Hernández: "Aquí me pongo a cantar / al compás de la vigüela, / que el hombre que lo desvela / una pena estrordinaria, / como la ave solitaria / con el cantar se consuela. / [...] ".',
      'Frase del gran José Hernández: "Aquí me pongo a cantar / al compás de la vigüela, / que el hombre que lo desvela / una pena estrordinaria, / como la ave solitaria / con el cantar se consuela. / [...] ".',
    ),
    c(
      'Citando a Criss Jami «Prefiero ser un artista a ser un líder, irónicamente, un líder tiene que seguir las reglas.», lo cual parece muy acertado.',
      'Citando a Criss Jami «Prefiero ser un artista a ser un líder, irónicamente, un líder tiene que seguir las reglas.», lo cual parece muy acertado.',
    ),
    c(
      'Cuando llegué, le estaba dando ejercicios a los niños, uno de los cuales era "3 + (14/7).x = 5". ¿Qué te parece?',
      'Cuando llegué, le estaba dando ejercicios a los niños, uno de los cuales era "3 + (14/7).x = 5".',
      '¿Qué te parece?',
    ),
    c(
      'Se le pidió a los niños que leyeran los párrf. 5 y 6 del art. 4 de la constitución de los EE. UU..',
      'Se le pidió a los niños que leyeran los párrf. 5 y 6 del art. 4 de la constitución de los EE. UU..',
    ),
    c(
      'Una de las preguntas realizadas en la evaluación del día Lun. 15 de Mar. fue la siguiente: "Alumnos, ¿cuál es el resultado de la operación 1.1 + 4/5?". Disponían de 1 min. para responder esa pregunta.',
      'Una de las preguntas realizadas en la evaluación del día Lun. 15 de Mar. fue la siguiente: "Alumnos, ¿cuál es el resultado de la operación 1.1 + 4/5?".',
      'Disponían de 1 min. para responder esa pregunta.',
    ),
    c(
      'La temperatura del motor alcanzó los 120.5°C. Afortunadamente, pudo llegar al final de carrera.',
      'La temperatura del motor alcanzó los 120.5°C.',
      'Afortunadamente, pudo llegar al final de carrera.',
    ),
    c('El volumen del cuerpo es 3m³. ¿Cuál es la superficie de cada cara del prisma?', 'El volumen del cuerpo es 3m³.', '¿Cuál es la superficie de cada cara del prisma?'),
    c('La habitación tiene 20.55m². El living tiene 50.0m².', 'La habitación tiene 20.55m².', 'El living tiene 50.0m².'),
    c('1°C corresponde a 33.8°F. ¿A cuánto corresponde 35°C?', '1°C corresponde a 33.8°F.', '¿A cuánto corresponde 35°C?'),
    c(
      'Hamilton ganó el último gran premio de Fórmula 1, luego de 1:39:02.619 Hs. de carrera, segundo resultó Massa, a una diferencia de 2.5 segundos. De esta manera se consagró ¡Campeón mundial!',
      'Hamilton ganó el último gran premio de Fórmula 1, luego de 1:39:02.619 Hs. de carrera, segundo resultó Massa, a una diferencia de 2.5 segundos.',
      'De esta manera se consagró ¡Campeón mundial!',
    ),
    c('El corredor No. 103 arrivó 4°.', 'El corredor No. 103 arrivó 4°.'),
    c('Hoy es 27/04/2014, y es mi cumpleaños. ¿Cuándo es el tuyo?', 'Hoy es 27/04/2014, y es mi cumpleaños.', '¿Cuándo es el tuyo?'),
    c(
      'Aquí está la lista de compras para el almuerzo: 1.Helado, 2.Carne, 3.Arroz. ¿Cuánto costará? Quizás $12.5.',
      'Aquí está la lista de compras para el almuerzo: 1.Helado, 2.Carne, 3.Arroz.',
      '¿Cuánto costará?',
      'Quizás $12.5.',
    ),
    c('1 + 1 es 2. 2 + 2 es 4. El auto es de color rojo.', '1 + 1 es 2.', '2 + 2 es 4.', 'El auto es de color rojo.'),
    c('La máquina viajaba a 100 km/h. ¿En cuánto tiempo recorrió los 153 Km.?', 'La máquina viajaba a 100 km/h.', '¿En cuánto tiempo recorrió los 153 Km.?'),
    c(
      'Explora oportunidades de carrera en el área de Salud en el Hospital de Northern en Mt. Kisco.',
      'Explora oportunidades de carrera en el área de Salud en el Hospital de Northern en Mt. Kisco.',
    ),
    c(
      '\n \nCentro de Relaciones Interinstitucionales -CERI \n\nCra. 7 No. 40-53 Piso 10 Tel.  (57-1) 3239300 Ext. 1010 Fax: (57-1) 3402973 Bogotá, D.C. - Colombia \n\nhttp://www.udistrital.edu.co - http://ceri.udistrital.edu.co - relinter@udistrital.edu.co \n\n \n\nCERI 0908 \n \nBogotá, D.C. 6 de noviembre de 2014.  \n \nSeñores: \nEMBAJADA DE UNITED KINGDOM \n \n',
      'Centro de Relaciones Interinstitucionales -CERI',
      'Cra. 7 No. 40-53 Piso 10 Tel.  (57-1) 3239300 Ext. 1010 Fax: (57-1) 3402973 Bogotá, D.C. - Colombia',
      'http://www.udistrital.edu.co - http://ceri.udistrital.edu.co - relinter@udistrital.edu.co',
      'CERI 0908',
      'Bogotá, D.C. 6 de noviembre de 2014.',
      'Señores:',
      'EMBAJADA DE UNITED KINGDOM',
    ),
    c('N°. 1026.253.553', 'N°. 1026.253.553'),
    c(
      '• 1. Busca atención prenatal desde el principio \n• 2. Aliméntate bien \n• 3. Presta mucha atención a la higiene de los alimentos \n• 10. Descansa \n• 11. Hola',
      '• 1. Busca atención prenatal desde el principio',
      '• 2. Aliméntate bien',
      '• 3. Presta mucha atención a la higiene de los alimentos',
      '• 10. Descansa',
      '• 11. Hola',
    ),
  ],
};

export const PRAGMATIC_FRENCH: CorpusClass = {
  name: 'pySBD (French)',
  language: 'fr',
  cases: [
    c(
      "Après avoir été l'un des acteurs du projet génome humain, le Genoscope met aujourd'hui le cap vers la génomique environnementale. L'exploitation des données de séquences ouvre des perspectives de développements en biotechnologie industrielle.",
      "Après avoir été l'un des acteurs du projet génome humain, le Genoscope met aujourd'hui le cap vers la génomique environnementale.",
      "L'exploitation des données de séquences ouvre des perspectives de développements en biotechnologie industrielle.",
    ),
    c(
      "\"Airbus livrera comme prévu 30 appareils 380 cette année avec en ligne de mire l'objectif d'équilibre financier du programme en 2015\", a-t-il ajouté.",
      "\"Airbus livrera comme prévu 30 appareils 380 cette année avec en ligne de mire l'objectif d'équilibre financier du programme en 2015\", a-t-il ajouté.",
    ),
    c(
      'À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés. Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».',
      'À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés.',
      'Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».',
    ),
    c(
      'Ce modèle permet d’afficher le texte « LL.AA.II.RR. » pour l’abréviation de « Leurs Altesses impériales et royales » avec son infobulle.',
      'Ce modèle permet d’afficher le texte « LL.AA.II.RR. » pour l’abréviation de « Leurs Altesses impériales et royales » avec son infobulle.',
    ),
    c('Les derniers ouvrages de Intercept Ltd. sont ici.', 'Les derniers ouvrages de Intercept Ltd. sont ici.'),
  ],
};

export const PRAGMATIC_CJK: CorpusClass = {
  name: 'golden rules and pySBD (Japanese, Chinese)',
  language: 'ja',
  cases: [
    c('これはペンです。それはマーカーです。', 'これはペンです。', 'それはマーカーです。'),
    c('それは何ですか？ペンですか？', 'それは何ですか？', 'ペンですか？'),
    c('良かったね！すごい！', '良かったね！', 'すごい！'),
    c(
      '自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。',
      '自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。',
    ),
    c('これは父の\n家です。', 'これは父の\n家です。'),
    c(
      '自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。２％台後半を目指すとする方向で最終調整に入りました。',
      '自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。',
      '２％台後半を目指すとする方向で最終調整に入りました。',
    ),
  ],
};

export const PRAGMATIC_CHINESE: CorpusClass = {
  name: 'pySBD (Chinese)',
  language: 'zh',
  cases: [
    c(
      '安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，他們步入入境大廳時神情落寞、不發一語。周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。',
      '安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，他們步入入境大廳時神情落寞、不發一語。',
      '周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。',
    ),
    c('我们明天一起去看《摔跤吧！爸爸》好吗？好！', '我们明天一起去看《摔跤吧！爸爸》好吗？', '好！'),
  ],
};

/**
 * The README's golden rules in languages without rules of their own here: the chunker reads them
 * with the English fallback and the script-wide marks.
 */
export const PRAGMATIC_OTHER: CorpusClass = {
  name: 'golden rules (other languages, English fallback)',
  language: 'und',
  cases: [
    c('Salve Sig.ra Mengoni! Come sta oggi?', 'Salve Sig.ra Mengoni!', 'Come sta oggi?'),
    c('Una lettera si può iniziare in questo modo «Il/la sottoscritto/a.».', 'Una lettera si può iniziare in questo modo «Il/la sottoscritto/a.».'),
    c('La casa costa 170.500.000,00€!', 'La casa costa 170.500.000,00€!'),
    c('Объем составляет 5 куб.м.', 'Объем составляет 5 куб.м.'),
    c('Маленькая девочка бежала и кричала: «Не видали маму?».', 'Маленькая девочка бежала и кричала: «Не видали маму?».'),
    c('Сегодня 27.10.14', 'Сегодня 27.10.14'),
    c(
      'Με συγχωρείτε· πού είναι οι τουαλέτες; Τις Κυριακές δε δούλευε κανένας. το κόστος του σπιτιού ήταν £260.950,00.',
      'Με συγχωρείτε· πού είναι οι τουαλέτες;',
      'Τις Κυριακές δε δούλευε κανένας.',
      'το κόστος του σπιτιού ήταν £260.950,00.',
    ),
    c(
      'सच्चाई यह है कि इसे कोई नहीं जानता। हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो, या फिर बेकाबू हो गया कोई आनंदोत्सव।',
      'सच्चाई यह है कि इसे कोई नहीं जानता।',
      'हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो, या फिर बेकाबू हो गया कोई आनंदोत्सव।',
    ),
    c('Ի՞նչ ես մտածում: Ոչինչ:', 'Ի՞նչ ես մտածում:', 'Ոչինչ:'),
    c('Ապրիլի 24-ին սկսեց անձրևել...Այդպես էի գիտեի:', 'Ապրիլի 24-ին սկսեց անձրևել...Այդպես էի գիտեի:'),
    c(
      'Այսպիսով` մոտենում ենք ավարտին: Տրամաբանությյունը հետևյալն է. պարզություն և աշխատանք:',
      'Այսպիսով` մոտենում ենք ավարտին:',
      'Տրամաբանությյունը հետևյալն է. պարզություն և աշխատանք:',
    ),
    c('ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။၇ွင္ေနေကာင္းလား။', 'ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။', '၇ွင္ေနေကာင္းလား။'),
    c('እንደምን አለህ፧መልካም ቀን ይሁንልህ።እባክሽ ያልሽዉን ድገሚልኝ።', 'እንደምን አለህ፧', 'መልካም ቀን ይሁንልህ።', 'እባክሽ ያልሽዉን ድገሚልኝ።'),
    c('خوشبختم، آقای رضا. شما کجایی هستید؟ من از تهران هستم.', 'خوشبختم، آقای رضا.', 'شما کجایی هستید؟', 'من از تهران هستم.'),
    c('کیا حال ہے؟ ميرا نام ___ ەے۔ میں حالا تاوان دےدوں؟', 'کیا حال ہے؟', 'ميرا نام ___ ەے۔', 'میں حالا تاوان دےدوں؟'),
    c(
      'Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen. 81 procent van de schoten was raak.',
      'Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen.',
      '81 procent van de schoten was raak.',
    ),
    c('81 procent van de schoten was raak. ...en toen barste de hel los.', '81 procent van de schoten was raak.', '...en toen barste de hel los.'),
    c(
      'وقال د. ديفيد ريدي و الأطباء الذين كانوا يعالجونها في مستشفى برمنجهام إنها كانت تعاني من أمراض أخرى. وليس معروفا ما اذا كانت قد توفيت بسبب اصابتها بأنفلونزا الخنازير.',
      'وقال د. ديفيد ريدي و الأطباء الذين كانوا يعالجونها في مستشفى برمنجهام إنها كانت تعاني من أمراض أخرى.',
      'وليس معروفا ما اذا كانت قد توفيت بسبب اصابتها بأنفلونزا الخنازير.',
    ),
    c(
      'ومن المنتظر أن يكتمل مشروع خط أنابيب نابوكو البالغ طوله 3300 كليومترا في 12/08/2014 بتكلفة تُقدر بـ 7.9 مليارات يورو أي نحو 10.9 مليارات دولار. ومن المقرر أن تصل طاقة ضخ الغاز في المشروع 31 مليار متر مكعب.',
      'ومن المنتظر أن يكتمل مشروع خط أنابيب نابوكو البالغ طوله 3300 كليومترا في 12/08/2014 بتكلفة تُقدر بـ 7.9 مليارات يورو أي نحو 10.9 مليارات دولار.',
      'ومن المقرر أن تصل طاقة ضخ الغاز في المشروع 31 مليار متر مكعب.',
    ),
  ],
};
