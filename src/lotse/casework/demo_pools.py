"""Invented but plausible people, occupations and notes for the demo workspace and the
benchmark seeder (`bench/seed_casework.py`), so both look like a counselling office in
Baden-Württemberg rather than like "Client 17".

Names are written as they usually appear in German documents: the person's own Latin
spelling where the language uses Latin script, otherwise the common transliteration
(Ukrainian and Russian passports, Arabic and Persian names as spelled in residence permits).
Surnames that change with gender are given as "masculine|feminine".
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166-1 alpha-2 of the country where the qualification was earned
    languages: tuple[str, ...]  # spoken, first one is the mother tongue (ISO 639-1)
    site_language: str  # the language of e-mails and letters (one of the seven site languages)
    residence: tuple[str, ...]  # plausible residence status categories (vocab.ResidenceStatus)
    cities: tuple[str, ...]  # where people studied or worked
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    weight: int  # how often the origin appears among clients (roughly BW counselling figures)


ORIGINS: tuple[Origin, ...] = (
    Origin("SY", ("ar", "ku"), "ar", ("protection", "family", "work"),
           ("Damaskus", "Aleppo", "Homs", "Latakia"),
           ("Amal", "Rania", "Lina", "Nour", "Hiba", "Rasha", "Dima", "Yara", "Reem", "Sawsan"),
           ("Mohammad", "Ahmad", "Khaled", "Omar", "Bassel", "Firas", "Samer", "Tarek", "Wael"),
           ("Al-Hassan", "Haddad", "Khalil", "Ibrahim", "Al-Ali", "Darwish", "Mansour",
            "Hamdan", "Nasser", "Sabbagh", "Aziz", "Kurdi"), 14),
    Origin("UA", ("uk", "ru"), "uk", ("temporary", "work"),
           ("Kyjiw", "Charkiw", "Lwiw", "Odesa", "Dnipro"),
           ("Olena", "Iryna", "Oksana", "Nataliia", "Tetiana", "Yuliia", "Kateryna",
            "Svitlana", "Anastasiia", "Halyna"),
           ("Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Yurii", "Taras",
            "Bohdan"),
           ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
            "Boiko", "Marchenko", "Lysenko", "Petrenko", "Savchenko", "Moroz"), 16),
    Origin("TR", ("tr",), "tr", ("family", "work"),
           ("Istanbul", "Ankara", "Izmir", "Bursa", "Gaziantep"),
           ("Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Büşra", "Merve", "Esra"),
           ("Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Hasan", "Yusuf", "Serkan"),
           ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
            "Doğan"), 8),
    Origin("AF", ("fa", "ps"), "fa", ("protection", "asylum", "tolerated"),
           ("Kabul", "Herat", "Masar-e Scharif"),
           ("Fatima", "Zahra", "Maryam", "Shabnam", "Farishta", "Mursal", "Hadia"),
           ("Mohammad", "Ali", "Hamid", "Jawad", "Farid", "Naweed", "Sayed", "Mustafa"),
           ("Ahmadi", "Hashimi", "Rahimi", "Sultani", "Karimi", "Noori", "Amiri", "Popal",
            "Stanekzai"), 7),
    Origin("IR", ("fa",), "fa", ("protection", "work", "family"),
           ("Teheran", "Isfahan", "Schiras", "Täbris"),
           ("Maryam", "Sara", "Niloufar", "Shirin", "Parisa", "Leila", "Mahsa"),
           ("Reza", "Amir", "Mehdi", "Hossein", "Babak", "Kaveh", "Arash"),
           ("Hosseini", "Mohammadi", "Rezaei", "Tehrani", "Jafari", "Moradi", "Rahmani",
            "Ghasemi"), 5),
    Origin("IN", ("hi", "en"), "en", ("work", "family"),
           ("Bengaluru", "Chennai", "Pune", "Hyderabad", "Delhi"),
           ("Priya", "Ananya", "Kavya", "Deepika", "Shreya", "Lakshmi"),
           ("Rahul", "Arjun", "Vikram", "Rohit", "Suresh", "Karthik", "Aditya"),
           ("Sharma", "Patel", "Reddy", "Nair", "Iyer", "Singh", "Kumar", "Gupta"), 7),
    Origin("RO", ("ro",), "en", ("eu",),
           ("Bukarest", "Cluj-Napoca", "Iași", "Timișoara"),
           ("Ioana", "Elena", "Andreea", "Maria", "Cristina", "Alina"),
           ("Andrei", "Mihai", "Ionuț", "Alexandru", "Florin", "Cătălin"),
           ("Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe", "Munteanu", "Constantin"), 6),
    Origin("PL", ("pl",), "en", ("eu",),
           ("Warschau", "Krakau", "Breslau", "Posen"),
           ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna"),
           ("Piotr", "Tomasz", "Krzysztof", "Marcin", "Paweł"),
           ("Kowalski|Kowalska", "Nowak", "Wójcik", "Mazur", "Lewandowski|Lewandowska",
            "Zając"), 4),
    Origin("BA", ("hr", "sr"), "de", ("work", "family", "eu"),
           ("Sarajevo", "Tuzla", "Banja Luka", "Mostar"),
           ("Amra", "Lejla", "Jelena", "Ivana", "Marija", "Selma"),
           ("Emir", "Adnan", "Marko", "Nikola", "Dragan", "Haris"),
           ("Hodžić", "Begić", "Kovačević", "Petrović", "Jovanović", "Marić", "Babić"), 4),
    Origin("XK", ("sq",), "de", ("work", "family"),
           ("Prishtina", "Prizren", "Peja"),
           ("Arta", "Blerta", "Drita", "Vjosa", "Teuta"),
           ("Arben", "Besnik", "Driton", "Fatmir", "Ilir"),
           ("Krasniqi", "Berisha", "Gashi", "Hoxha", "Morina", "Shala"), 4),
    Origin("ER", ("ti", "ar"), "en", ("protection", "asylum"),
           ("Asmara", "Keren"),
           ("Selam", "Helen", "Senait", "Mebrat", "Luwam"),
           ("Yonas", "Daniel", "Tesfay", "Merhawi", "Habtom"),
           ("Tesfamariam", "Gebremedhin", "Haile", "Kidane", "Berhane", "Woldu"), 3),
    Origin("NG", ("en",), "en", ("work", "family", "asylum"),
           ("Lagos", "Ibadan", "Enugu", "Abuja"),
           ("Chiamaka", "Ngozi", "Aisha", "Funmilayo", "Adaeze"),
           ("Chinedu", "Emeka", "Oluwaseun", "Ibrahim", "Tunde"),
           ("Okafor", "Adeyemi", "Eze", "Okonkwo", "Balogun", "Nwosu"), 3),
    Origin("BR", ("pt", "en"), "en", ("work", "family"),
           ("São Paulo", "Belo Horizonte", "Curitiba", "Recife"),
           ("Ana", "Fernanda", "Juliana", "Camila", "Beatriz"),
           ("Lucas", "Rafael", "Thiago", "Gustavo", "Felipe"),
           ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa"), 3),
    Origin("CO", ("es",), "en", ("work", "family"),
           ("Bogotá", "Medellín", "Cali"),
           ("Valentina", "Daniela", "Laura", "Carolina"),
           ("Andrés", "Carlos", "Juan", "Santiago"),
           ("García", "Rodríguez", "Martínez", "López", "Hernández", "Gómez"), 3),
    Origin("IT", ("it",), "en", ("eu",),
           ("Neapel", "Palermo", "Turin", "Bari"),
           ("Giulia", "Francesca", "Chiara", "Federica"),
           ("Marco", "Luca", "Alessandro", "Giuseppe"),
           ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"), 3),
    Origin("GR", ("el",), "en", ("eu",),
           ("Athen", "Thessaloniki", "Patras"),
           ("Eleni", "Katerina", "Dimitra", "Sofia"),
           ("Georgios", "Nikolaos", "Konstantinos", "Dimitrios"),
           ("Papadopoulos|Papadopoulou", "Georgiou", "Nikolaou", "Papadakis",
            "Oikonomou"), 2),
    Origin("KZ", ("ru",), "ru", ("german", "family", "work"),
           ("Almaty", "Astana", "Karaganda"),
           ("Yekaterina", "Olga", "Tatjana", "Natalja", "Swetlana"),
           ("Sergej", "Alexej", "Dmitrij", "Wladimir", "Andrej"),
           ("Iwanow|Iwanowa", "Schmidt", "Kusnezow|Kusnezowa", "Popow|Popowa", "Wagner",
            "Smirnow|Smirnowa"), 3),
    Origin("MA", ("ar", "fr"), "ar", ("work", "family"),
           ("Casablanca", "Rabat", "Fès", "Tanger"),
           ("Meryem", "Salma", "Khadija", "Imane"),
           ("Youssef", "Anas", "Hamza", "Mehdi"),
           ("El Amrani", "Benali", "Bouzid", "Chakir", "Mansouri"), 2),
    Origin("IQ", ("ku", "ar"), "ar", ("protection", "family", "tolerated"),
           ("Erbil", "Duhok", "Sulaimaniyya", "Bagdad"),
           ("Shilan", "Avin", "Rojin", "Berivan", "Nasrin"),
           ("Azad", "Dilshad", "Rebwar", "Sherwan", "Karwan"),
           ("Hasan", "Othman", "Rashid", "Qadir", "Amin", "Murad"), 4),
    Origin("VN", ("vi",), "en", ("work", "family"),
           ("Hanoi", "Ho-Chi-Minh-Stadt", "Da Nang"),
           ("Thi Linh", "Thu Trang", "Thi Hoa", "Ngoc Mai"),
           ("Van Minh", "Duc Anh", "Quang Tuan", "Minh Hieu"),
           ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"), 2),
    Origin("PH", ("en",), "en", ("work",),
           ("Manila", "Cebu", "Davao"),
           ("Joy", "Angelica", "Rowena", "Kristine"),
           ("Mark", "Jerome", "Ramon", "Christian"),
           ("Santos", "Reyes", "Cruz", "Bautista", "Mendoza"), 2),
    Origin("PK", ("ur", "en"), "en", ("work", "asylum"),
           ("Lahore", "Karatschi", "Islamabad"),
           ("Ayesha", "Sana", "Hina", "Mahnoor"),
           ("Imran", "Bilal", "Usman", "Faisal"),
           ("Khan", "Ahmed", "Qureshi", "Malik", "Chaudhry"), 2),
    Origin("EG", ("ar", "en"), "ar", ("work", "family"),
           ("Kairo", "Alexandria", "Mansura"),
           ("Mariam", "Nourhan", "Yasmin", "Heba"),
           ("Mahmoud", "Mostafa", "Ahmed", "Karim"),
           ("Abdelrahman", "El-Sayed", "Hassan", "Fathy", "Salem"), 2),
)  # fmt: skip


@dataclass(frozen=True)
class Profession:
    slug: str  # reference occupation in the knowledge base
    level: str  # vocab.QualificationLevel
    study: str  # the foreign qualification, in German as counsellors write it
    worked_as: str  # "als …" in the work-experience line
    measures: tuple[str, ...]  # compensation measures that can follow a partial decision
    provider: str  # who typically runs the measure in Baden-Württemberg (invented, demo)
    weight: int


PROFESSIONS: tuple[Profession, ...] = (
    Profession("arzt", "higher", "Studium der Humanmedizin", "Ärztin/Arzt",
               ("knowledge_test",), "Kenntnisprüfungsvorbereitung Klinikum Stuttgart (Demo)", 9),
    Profession("zahnarzt", "higher", "Studium der Zahnmedizin", "Zahnärztin/Zahnarzt",
               ("knowledge_test",), "Zahnärztliche Akademie Karlsruhe (Demo)", 3),
    Profession("apotheker", "higher", "Studium der Pharmazie", "Apothekerin/Apotheker",
               ("knowledge_test",), "Kenntnisprüfungskurs Pharmazie Heidelberg (Demo)", 2),
    Profession("pflegefachmann", "vocational", "Bachelor in Nursing", "Pflegefachkraft",
               ("adaptation", "knowledge_test"), "Anpassungsqualifizierung Pflege Mannheim "
               "(Demo)", 10),
    Profession("hebamme", "vocational", "Ausbildung als Hebamme", "Hebamme",
               ("adaptation",), "Hebammenschule Tübingen (Demo)", 1),
    Profession("physiotherapeut", "vocational", "Studium der Physiotherapie",
               "Physiotherapeutin/Physiotherapeut", ("adaptation", "knowledge_test"),
               "Physiotherapieschule Freiburg (Demo)", 3),
    Profession("bauingenieur", "higher", "Studium Bauingenieurwesen",
               "Bauingenieurin/Bauingenieur", ("other",), "Brückenkurs Hochschule Karlsruhe "
               "(Demo)", 5),
    Profession("maschinenbauingenieur", "higher", "Studium Maschinenbau",
               "Maschinenbauingenieurin/Maschinenbauingenieur", ("other",),
               "Brückenkurs Hochschule Esslingen (Demo)", 5),
    Profession("elektroingenieur", "higher", "Studium Elektrotechnik",
               "Elektroingenieurin/Elektroingenieur", ("other",),
               "Brückenkurs Hochschule Esslingen (Demo)", 4),
    Profession("architekt", "higher", "Studium der Architektur", "Architektin/Architekt",
               ("aptitude_test",), "Architektenkammer Baden-Württemberg (Demo)", 2),
    Profession("informatiker", "higher", "Studium der Informatik",
               "Softwareentwicklerin/Softwareentwickler", (), "", 5),
    Profession("betriebswirt", "higher", "Studium der Betriebswirtschaft",
               "Buchhalterin/Buchhalter", (), "", 3),
    Profession("chemiker", "higher", "Studium der Chemie", "Chemikerin/Chemiker", (), "", 1),
    Profession("psychologe", "higher", "Studium der Psychologie",
               "Psychologin/Psychologe", (), "", 1),
    Profession("lehrer-gymnasium", "higher", "Lehramtsstudium Mathematik und Physik",
               "Lehrerin/Lehrer", ("adaptation", "aptitude_test"),
               "Anpassungslehrgang am Seminar Stuttgart (Demo)", 3),
    Profession("lehrer-grundschule", "higher", "Lehramtsstudium Primarstufe",
               "Grundschullehrerin/Grundschullehrer", ("adaptation", "aptitude_test"),
               "Anpassungslehrgang am Seminar Karlsruhe (Demo)", 3),
    Profession("erzieher", "higher", "Studium der Vorschulpädagogik",
               "Erzieherin/Erzieher", ("adaptation",),
               "Fachschule für Sozialpädagogik Mannheim (Demo)", 4),
    Profession("sozialarbeiter", "higher", "Studium der Sozialen Arbeit",
               "Sozialarbeiterin/Sozialarbeiter", ("adaptation",),
               "Duale Hochschule Stuttgart (Demo)", 2),
    Profession("elektroniker-energie-gebaeudetechnik", "vocational",
               "Berufsausbildung Elektroinstallation", "Elektrikerin/Elektriker",
               ("adaptation",), "Handwerkskammer Region Stuttgart (Demo)", 5),
    Profession("kfz-mechatroniker", "vocational", "Berufsausbildung Kfz-Technik",
               "Kfz-Mechanikerin/Kfz-Mechaniker", ("adaptation",),
               "Handwerkskammer Mannheim Rhein-Neckar-Odenwald (Demo)", 4),
    Profession("anlagenmechaniker-shk", "vocational", "Berufsausbildung Sanitärtechnik",
               "Installateurin/Installateur", ("adaptation",),
               "Handwerkskammer Region Stuttgart (Demo)", 2),
    Profession("tischler", "vocational", "Berufsausbildung Tischlerei", "Tischlerin/Tischler",
               ("adaptation",), "Handwerkskammer Karlsruhe (Demo)", 2),
    Profession("friseur", "vocational", "Berufsausbildung Friseurhandwerk",
               "Friseurin/Friseur", ("adaptation",), "Handwerkskammer Region Stuttgart (Demo)",
               2),
    Profession("koch", "vocational", "Berufsausbildung Koch", "Köchin/Koch", ("adaptation",),
               "IHK Region Stuttgart (Demo)", 2),
    Profession("medizinischer-fachangestellter", "vocational",
               "Berufsausbildung Medizinische Assistenz", "Praxisassistentin/Praxisassistent",
               ("adaptation",), "Landesärztekammer Baden-Württemberg (Demo)", 2),
    Profession("industriemechaniker", "vocational", "Berufsausbildung Industriemechanik",
               "Industriemechanikerin/Industriemechaniker", ("adaptation",),
               "IHK Rhein-Neckar (Demo)", 3),
    Profession("fachinformatiker-anwendungsentwicklung", "vocational",
               "Berufsausbildung Programmierung", "Programmiererin/Programmierer",
               ("adaptation",), "IHK Region Stuttgart (Demo)", 2),
    Profession("kaufmann-bueromanagement", "vocational", "Berufsausbildung Büromanagement",
               "Büroangestellte/Büroangestellter", ("adaptation",),
               "IHK Rhein-Neckar (Demo)", 2),
)  # fmt: skip

# Districts around each demo organisation (most clients live near their counselling office).
STUTTGART_DISTRICTS = ("08111", "08111", "08111", "08115", "08116", "08117", "08118", "08119")
MANNHEIM_DISTRICTS = ("08222", "08222", "08222", "08221", "08226", "08225", "08215")
ALL_DISTRICTS = (
    "08111", "08115", "08116", "08117", "08118", "08119", "08121", "08125", "08126", "08127",
    "08128", "08135", "08136", "08211", "08212", "08215", "08216", "08221", "08222", "08225",
    "08226", "08231", "08235", "08236", "08237", "08311", "08315", "08316", "08317", "08325",
    "08326", "08327", "08335", "08336", "08337", "08415", "08416", "08417", "08421", "08425",
    "08426", "08435", "08436", "08437",
)  # fmt: skip

# Short session notes in German, by the main topic of the session; "first", "waiting" and
# "decided" are the recognition notes of the first session, of the months while the authority
# decides, and of the session after the decision.
NOTES = {
    "first": (
        "Erstberatung zum Anerkennungsverfahren; Unterlagenliste mitgegeben.",
        "Erstgespräch: Berufsweg und Abschlüsse aufgenommen; Referenzberuf geklärt.",
        "Erstberatung; zuständige Stelle und Ablauf des Verfahrens erklärt.",
    ),
    "recognition": (
        "Antrag gemeinsam ausgefüllt; beglaubigte Übersetzungen fehlen noch.",
        "Zuständige Stelle und Bearbeitungszeit erklärt; Antrag online vorbereitet.",
        "Zeugnisse und Arbeitsnachweise gesichtet; Kopien für die Akte erhalten.",
    ),
    "waiting": (
        "Nachforderung der Behörde besprochen: Fächerübersicht und Stundennachweis.",
        "Stand des Verfahrens besprochen; der Bescheid steht noch aus.",
    ),
    "decided": (
        "Bescheid besprochen; Unterschiede zum Referenzberuf erklärt.",
        "Bescheid erläutert; nächste Schritte vereinbart.",
    ),
    "funding": (
        "Anerkennungszuschuss erklärt; Antrag auf Kostenübernahme vorbereitet.",
        "Kosten für Übersetzungen geklärt; Jobcenter übernimmt nach Rücksprache.",
    ),
    "language": (
        "Sprachstand etwa B1; Berufssprachkurs B2 empfohlen.",
        "Fachsprachprüfung erklärt; Anmeldung zum Vorbereitungskurs besprochen.",
        "Zertifikat B2 liegt vor; nächster Schritt Fachsprache.",
    ),
    "qualification": (
        "Vorbereitung auf die Kenntnisprüfung besprochen; Kursangebote verglichen.",
        "Anpassungsqualifizierung erklärt; Platz im nächsten Kurs angefragt.",
        "Ausgleichsmaßnahme läuft; Zwischenstand gut.",
    ),
    "job_search": (
        "Lebenslauf überarbeitet; zwei Bewerbungen vorbereitet.",
        "Vorstellungsgespräch vorbereitet; Arbeitgeber kennt den Anerkennungsstand.",
        "Stellenangebote in der Region durchgesehen; Kontakt zum Arbeitgeberservice.",
    ),
    "residence": (
        "Fragen zum Aufenthaltstitel; Verweis an die Migrationsberatung.",
        "Beschäftigungserlaubnis geklärt; Ausländerbehörde informiert.",
    ),
    "other": ("Kurze telefonische Rückfrage zum Stand.",),
}

FOLLOW_UPS = (
    "Übersetzungen nachfragen",
    "Stand des Antrags bei der Behörde erfragen",
    "Nachgeforderte Unterlagen prüfen",
    "Bescheid besprechen",
    "Kursplatz bestätigen",
    "Anerkennungszuschuss: Bewilligung nachhalten",
    "Bewerbungsunterlagen durchsehen",
    "Rückmeldung zum Sprachkurs einholen",
    "Nachbefragung nach sechs Monaten",
)

ABANDON_REASONS = (
    "Ist in ein anderes Bundesland gezogen.",
    "Hat eine Stelle in einem anderen Beruf angenommen.",
    "Verfahren aus familiären Gründen zurückgestellt.",
    "Kein Kontakt mehr seit mehreren Monaten.",
)

LANGUAGE_COURSES = (
    "Berufssprachkurs B2, Volkshochschule Stuttgart",
    "Berufssprachkurs C1 Medizin, Volkshochschule Mannheim",
    "Integrationskurs, Volkshochschule Ludwigsburg",
    "Fachsprachkurs Pflege, Sprachschule Heidelberg",
)

EMPLOYERS = (
    "Klinikum Stuttgart, Personalabteilung",
    "Universitätsklinikum Mannheim, Pflegedirektion",
    "Ingenieurbüro am Neckar, Esslingen",
    "Elektro Schneider GmbH, Ludwigsburg",
    "Stadtwerke Heidelberg, Ausbildung und Personal",
)
