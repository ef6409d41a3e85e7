"""Words around a job title that say nothing about the occupation ("I am a …", "ich habe …
studiert", "كنت أعمل …"). Written in normalised form (see normalise.py) and normalised again at
import, so Arabic/Persian letter variants and diacritics need no care here."""

from lotse.occupations.normalise import normalise

_WORDS = """
i im i'm am a an the as in of my and was were is be been have has had work worked working job
jobs bachelor bachelors master masters degree diploma studied study studies graduate graduated
from with years year experience profession qualified certified licensed at for me currently
former formerly trained by to on field background
ich bin war habe hatte als ein eine einen einem einer der die das den dem und in im mit von aus
studiert gearbeitet arbeite arbeitete ausbildung zum zur abschluss diplom beruf mein meine meinen
jahre jahren erfahrung gelernt fuer bei gelernter gelernte staatlich anerkannter anerkannte
je suis j ai etais un une le la les de du des en diplome licence travaille comme dans et
soy yo fui era un una el la los las de del en con licenciado licenciada licenciatura grado titulo
trabajo trabaje trabajaba como y
sono io ero un una il lo la di in laurea laureato laureata lavoro lavorato lavoravo come e
sou eu um uma o de em formado formada trabalho trabalhei trabalhava como e
ben benim olarak calistim calisiyorum calisiyordum mezunu mezun bolumu lisans universite ve bir
я был была работал работала работаю работаю по специальности в на и диплом образование бакалавр
магистр моя мои моя профессия профессии
я був була працював працювала працюю за фахом спеціальністю в у на і та диплом освіта бакалавр
магістр моя
jestem bylem bylam pracowalem pracowalam pracuje jako w i z dyplom licencjat magister
sunt am lucrat lucrez ca in si de la diploma licenta un o
ειμαι ημουν δουλευα δουλευω ως σαν σε και ο η το πτυχιο
انا كنت اعمل عملت اشتغل اشتغلت في من على و شهادة بكالوريوس ماجستير دبلوم مهنتي مهنة خريج خريجة
بصفة كـ
من هستم بودم کار میکنم می کنم کردم میکردم در و به عنوان مدرک لیسانس فوق کارشناسی رشته
ja sam radio radila kao u i jam une si ne dhe ez im wek toi la lam
"""

STOPWORDS = frozenset(normalise(word) for word in _WORDS.split()) - {""}
