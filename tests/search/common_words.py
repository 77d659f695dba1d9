"""Common words (dictionary forms, one lemma each) for measuring how much name keys merge unrelated words.

Written for this project from general frequency knowledge: frequent nouns, verbs and adjectives of each language,
no names. Each list has distinct lemmas only, so two of its words sharing a key is an unrelated merge.
"""


def _words(text: str) -> list[str]:
    return text.split()


BELARUSIAN = _words("""
час чалавек год справа жыццё дзень рука праца слова месца пытанне твар вока краіна сябар бок дом выпадак дзіця
галава сістэма канец горад частка жанчына грошы зямля машына вада бацька праблема гадзіна права нага рашэнне
дзверы вобраз гісторыя улада закон вайна голас тысяча кніга магчымасць вынік ноч стол імя вобласць артыкул лік
кампанія народ жонка група развіццё працэс суд умова сродак пачатак святло шлях душа узровень форма сувязь
хвіліна вуліца вечар якасць думка дарога маці дзеянне месяц дзяржава мова каханне погляд стагоддзе школа мэта
грамадства дзейнасць арганізацыя прэзідэнт пакой парадак момант тэатр ліст раніца дапамога сітуацыя роля рубель
сэнс стан кватэра орган увага цела спадар сын мера смерць рынак праграма задача прадпрыемства акно размова
урад вытворчасць інфармацыя становішча цэнтр адказ муж аўтар сцяна цікавасць правіла кіраванне мужчына ідэя
партыя праект рахунак сяло навіна выбары пратэст санкцыя рэпрэсія палітвязень свабода незалежнасць мяжа армія
вайсковы новы вялікі апошні добры высокі галоўны белы палітычны беларускі малады моцны цяжкі шырокі
быць сказаць гаварыць магчы ведаць стаць бачыць хацець ісці сядзець жыць рабіць пісаць чытаць думаць
кіраўнік міністр палітыка эканоміка сям'я бяспека супрацоўнік журналіст суддзя турма зняволены затрыманне штраф
пратакол міліцыя абарона пагроза перамовы дыпламат пасольства саюзнік эміграцыя вызваленне дэмакратыя апазіцыя
бюджэт падатак завод фермер
""")

RUSSIAN = _words("""
время человек год дело жизнь день рука работа слово место вопрос лицо глаз страна друг сторона дом случай ребенок
голова система вид конец город часть женщина деньги земля машина вода отец проблема час право нога решение дверь
образ история власть закон война голос тысяча книга возможность результат ночь стол имя область статья число
компания народ жена группа развитие процесс суд условие средство начало свет пора путь душа уровень форма связь
минута улица вечер качество мысль дорога мать действие месяц государство язык любовь взгляд век школа цель
общество деятельность организация президент комната порядок момент театр письмо утро помощь ситуация роль рубль
смысл состояние квартира орган внимание тело труд сын мера смерть рынок программа задача предприятие окно
разговор правительство производство информация положение центр ответ муж автор стена интерес правило
управление мужчина идея партия проект счет село новость выборы протест санкция репрессия политзаключенный
свобода независимость граница армия военный новый большой последний хороший высокий главный белый
политический белорусский молодой сильный тяжелый широкий быть сказать говорить мочь знать стать видеть хотеть
идти сидеть жить делать писать читать думать
руководитель министр политика экономика семья безопасность сотрудник журналист судья тюрьма задержание штраф
протокол милиция оборона угроза переговоры дипломат посольство союзник эмиграция освобождение демократия оппозиция
бюджет налог завод
""")

ENGLISH = _words("""
time person year way day thing man world life hand part child eye woman place work week case point government
company number group problem fact money land car water father question law war voice thousand book result night
table name region article people wife development process court condition means beginning light road soul level
form connection minute street evening quality thought mother action month state language love look century school
goal society activity organisation president room order moment theatre letter morning help situation role sense
apartment body attention son measure death market programme task window conversation production information
position centre answer husband author wall interest rule management idea party project account village news
election protest sanction repression prisoner freedom independence border army military new big last good high
main white political young strong heavy wide be say speak know become see want go sit live make write read think
leader minister politics economy family security employee journalist judge prison detention fine protocol police
defence threat negotiations diplomat embassy ally emigration release democracy opposition budget tax factory farmer
church friend enemy city country capital river forest mountain sea sky sun house door floor paper story film music
song game team power
""")
