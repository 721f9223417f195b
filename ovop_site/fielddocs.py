"""The words of the editors' field reference (docs/fields.<lang>.md), in every language.

docs.py writes the reference from the registry of kinds (kinds.py) and SITE_FIELDS, taking
from here only what the registry cannot say: what a kind and a field are for, an example
value, and how each field type reads in plain words. tests/test_docs.py fails while a kind
or field of the registry has no text here (in en, kk and ru), while this module names one
the registry lacks, and while an example is not a valid value of its field.

- `KINDS`: "site.yaml" and every kind → its title, one sentence on what it is (`about`),
  how a reference to it reads (`of`: "the id of a district"; `of_many`: "ids of districts"),
  the id its examples use, and `fields`: field → {en, kk, ru, example}. An example is the
  YAML text written after `field: `; a translated field has one per language.
- `TYPES`: how a field type reads, by key (docs.type_key): a class name in lowercase
  ("phone"), "int:nonneg" / "int:any" / "int" (by its bounds), "ref", "list:<item>".
  Placeholders: {lo} {hi} {of} {of_many} {id} {choices}.
- `YEAR_ENDS`: a year's upper bound, a function of today, in words.
- `WORDS`: the page's own words.
"""

from __future__ import annotations

LANGS = ("kk", "ru", "en")

# The language names as their speakers write them, for the "other languages" line.
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

WORDS: dict[str, dict[str, str]] = {
    "heading": {
        "en": "Field reference for editors",
        "kk": "Редакторларға арналған өрістер анықтамалығы",
        "ru": "Справочник полей для редакторов",
    },
    "generated": {
        "en": "This page is made from the generator's own list of fields by the command "
              "`python -m ovop_site.docs`; do not edit it by hand.",
        "kk": "Бұл бетті `python -m ovop_site.docs` командасы генератордың өз өрістер тізімінен жасайды; "
              "оны қолмен өзгертпеңіз.",
        "ru": "Эта страница создаётся из списка полей самого генератора командой "
              "`python -m ovop_site.docs`; не правьте её вручную.",
    },
    "other_languages": {
        "en": "In other languages",
        "kk": "Басқа тілдерде",
        "ru": "На других языках",
    },
    "intro": {
        "en": "Each entry of the catalogue (a district, a product, …) is written as one file per language: "
              "`content/<kind>/<id>.<lang>.md`. The file starts with its fields between two `---` lines, "
              "one field per line, like `since: 2019`; the text of the page, in Markdown, follows.",
        "kk": "Каталогтың әр жазбасы (аудан, өнім, …) әр тілге бөлек файл болып жазылады: "
              "`content/<kind>/<id>.<lang>.md`. Файл екі `---` жолының арасындағы өрістерден басталады, "
              "әр жолда бір өріс, мысалы `since: 2019`; одан кейін беттің Markdown-мен жазылған мәтіні келеді.",
        "ru": "Каждая запись каталога (район, продукт, …) – это отдельный файл на каждый язык: "
              "`content/<kind>/<id>.<lang>.md`. Файл начинается с полей между двумя строками `---`, "
              "по одному полю в строке, например `since: 2019`; после них идёт текст страницы в Markdown.",
    },
    "terms": {
        "en": "- **id**: lowercase Latin letters, digits and single hyphens (`shonzhy-bakery`). It names the "
              "entry's files and is its address on the site; other entries refer to the entry by its id.\n"
              "- **lang**: the file's language code, one of the languages in `site.yaml` (`kk`, `ru`).\n"
              "- **Shared** fields hold one fact about the entry, the same in every language (an id, a date, "
              "a number, a phone). Write such a field in any one of the entry's files; if two files both "
              "give it, the values must agree.\n"
              "- **Translated** fields are written in the file of each language, in that language.\n"
              "- **Required** fields must be given (a required translated field: in every language file of "
              "the entry); the others may be left out.\n"
              "- Put a text in quotes (`\"…\"`) if it contains `: ` or starts with `[`, `{`, `@`, `*`, `&`, "
              "`!`, `%` or `#`.",
        "kk": "- **id** (идентификатор) – кіші латын әріптері, цифрлар және бір-бірден қойылған дефистер "
              "(`shonzhy-bakery`). Ол жазба файлдарының атауында тұрады және жазбаның сайттағы мекенжайы "
              "болады; басқа жазбалар бұл жазбаға осы id арқылы сілтеме жасайды.\n"
              "- **lang** – файлдың тіл коды, `site.yaml` файлындағы тілдердің бірі (`kk`, `ru`).\n"
              "- **Ортақ** өрістерде жазба туралы барлық тілде бірдей дерек болады (id, күн, сан, телефон). "
              "Мұндай өрісті жазбаның кез келген бір файлына жазыңыз; екі файлда да жазылса, мәндері бірдей "
              "болуы керек.\n"
              "- **Аударылатын** өрістер әр тілдің файлында, сол тілде жазылады.\n"
              "- **Міндетті** өрістер жазылуы керек (міндетті аударылатын өріс – жазбаның әр тілдегі "
              "файлында); қалғандарын жазбауға болады.\n"
              "- Мәтінде `: ` болса немесе ол `[`, `{`, `@`, `*`, `&`, `!`, `%`, `#` таңбаларының бірінен "
              "басталса, мәтінді тырнақшаға (`\"…\"`) алыңыз.",
        "ru": "- **id** (идентификатор) – строчные латинские буквы, цифры и одиночные дефисы "
              "(`shonzhy-bakery`). Это имя файлов записи и её адрес на сайте; другие записи ссылаются на "
              "неё по этому id.\n"
              "- **lang** – код языка файла, один из языков в `site.yaml` (`kk`, `ru`).\n"
              "- **Общие для всех языков** поля хранят один факт о записи, одинаковый на всех языках (id, "
              "дата, число, телефон). Такое поле пишут в любом одном файле записи; если оно есть в двух "
              "файлах, значения должны совпадать.\n"
              "- **Переводимые** поля пишут в файле каждого языка, на этом языке.\n"
              "- **Обязательные** поля должны быть заполнены (обязательное переводимое поле – в каждом "
              "языковом файле записи); остальные можно не писать.\n"
              "- Текст, в котором есть `: ` или который начинается с `[`, `{`, `@`, `*`, `&`, `!`, `%` "
              "или `#`, берите в кавычки (`\"…\"`).",
    },
    "files": {"en": "Files", "kk": "Файлдар", "ru": "Файлы"},
    "file": {"en": "File", "kk": "Файл", "ru": "Файл"},
    "for_example": {"en": "for example", "kk": "мысалы", "ru": "например"},
    "and": {"en": "and", "kk": "және", "ru": "и"},
    "col_field": {"en": "Field", "kk": "Өріс", "ru": "Поле"},
    "col_what": {"en": "What it holds", "kk": "Не жазылады", "ru": "Что в нём"},
    "col_shared": {"en": "Shared or translated", "kk": "Ортақ не аударылатын", "ru": "Общее или переводится"},
    "col_required": {"en": "Required", "kk": "Міндеттілігі", "ru": "Обязательность"},
    "col_type": {"en": "Type of value", "kk": "Мәннің түрі", "ru": "Тип значения"},
    "col_example": {"en": "Example", "kk": "Мысал", "ru": "Пример"},
    "shared": {"en": "shared", "kk": "ортақ", "ru": "общее для всех языков"},
    "translated": {"en": "translated", "kk": "аударылатын", "ru": "переводится"},
    "required": {"en": "required", "kk": "міндетті", "ru": "обязательное"},
    "optional": {"en": "optional", "kk": "міндетті емес", "ru": "необязательное"},
    "or": {"en": "or", "kk": "немесе", "ru": "или"},
}

# A year's upper bound (schema.Year(lo, hi) with hi a function of today), by the function's name.
YEAR_ENDS: dict[str, dict[str, str]] = {
    "this_year": {"en": "this year", "kk": "биылғы жылға", "ru": "текущего"},
    "next_year": {"en": "next year", "kk": "келесі жылға", "ru": "следующего"},
}

TYPES: dict[str, dict[str, str]] = {
    "text": {"en": "text", "kk": "мәтін", "ru": "текст"},
    "int": {
        "en": "a whole number from {lo} to {hi}",
        "kk": "{lo} мен {hi} аралығындағы бүтін сан",
        "ru": "целое число от {lo} до {hi}",
    },
    "int:nonneg": {"en": "a whole number, 0 or more", "kk": "бүтін сан, 0 не одан көп",
                   "ru": "целое число, 0 или больше"},
    "int:any": {"en": "a whole number (it may be negative)", "kk": "бүтін сан (теріс те болуы мүмкін)",
                "ru": "целое число (можно и отрицательное)"},
    "year": {
        "en": "a year from {lo} to {hi}, like 2020",
        "kk": "{lo} жылдан {hi} дейінгі жыл, мысалы 2020",
        "ru": "год от {lo} до {hi}, например 2020",
    },
    "bool": {"en": "`true` (yes) or `false` (no)", "kk": "`true` (иә) немесе `false` (жоқ)",
             "ru": "`true` (да) или `false` (нет)"},
    "date": {
        "en": "a date written year-month-day, like `2024-06-13`",
        "kk": "жыл-ай-күн түрінде жазылған күн, мысалы `2024-06-13`",
        "ru": "дата в виде год-месяц-день, например `2024-06-13`",
    },
    "price": {
        "en": "a number of tenge, like `25000` or `\"25 000\"`; at most 2 digits after the point (`1250.50`)",
        "kk": "теңгемен көрсетілген сан, мысалы `25000` немесе `\"25 000\"`; нүктеден кейін ең көбі 2 цифр "
              "(`1250.50`)",
        "ru": "сумма в тенге, например `25000` или `\"25 000\"`; не больше 2 цифр после точки (`1250.50`)",
    },
    "phone": {
        "en": "a Kazakhstan phone number written any usual way: `8 701 234 56 78`, `+7 (701) 234-56-78`",
        "kk": "Қазақстандағы телефон нөмірі, әдеттегідей кез келген түрде жазылады: `8 701 234 56 78`, "
              "`+7 (701) 234-56-78`",
        "ru": "казахстанский номер телефона в любой привычной записи: `8 701 234 56 78`, "
              "`+7 (701) 234-56-78`",
    },
    "ref": {
        "en": "the id of {of}, like `{id}`",
        "kk": "{of} идентификаторы, мысалы `{id}`",
        "ru": "идентификатор {of}, например `{id}`",
    },
    "list:ref": {
        "en": "a list of ids of {of_many}, like `[{id}, …]`",
        "kk": "{of_many} идентификаторларының тізімі, мысалы `[{id}, …]`",
        "ru": "список идентификаторов {of_many}, например `[{id}, …]`",
    },
    "mediapath": {
        "en": "the path of an image (JPEG, PNG or WebP) inside the folder `content/media/`, "
              "like `rings/ring-1m.jpg`",
        "kk": "`content/media/` қалтасындағы суреттің (JPEG, PNG не WebP) жолы, мысалы `rings/ring-1m.jpg`",
        "ru": "путь к изображению (JPEG, PNG или WebP) внутри папки `content/media/`, "
              "например `rings/ring-1m.jpg`",
    },
    "list:mediapath": {
        "en": "a list of image paths inside the folder `content/media/`, like `[rings/a.jpg, rings/b.jpg]`",
        "kk": "`content/media/` қалтасындағы суреттер жолдарының тізімі, мысалы `[rings/a.jpg, rings/b.jpg]`",
        "ru": "список путей к изображениям внутри папки `content/media/`, "
              "например `[rings/a.jpg, rings/b.jpg]`",
    },
    "list:text": {
        "en": "a list of texts in square brackets, separated by commas: `[first, second]`",
        "kk": "шаршы жақшаға алынып, үтірмен бөлінген мәтіндер тізімі: `[бірінші, екінші]`",
        "ru": "список текстов в квадратных скобках через запятую: `[первый, второй]`",
    },
    "url": {
        "en": "a web address starting with `https://` or `http://`",
        "kk": "`https://` немесе `http://` деп басталатын сайт мекенжайы",
        "ru": "адрес сайта, начинающийся с `https://` или `http://`",
    },
    "email": {
        "en": "an e-mail address, like `name@mail.kz`",
        "kk": "электрондық пошта мекенжайы, мысалы `name@mail.kz`",
        "ru": "адрес электронной почты, например `name@mail.kz`",
    },
    "instagram": {
        "en": "an Instagram account name, without `@`",
        "kk": "Instagram аккаунтының аты, `@` белгісінсіз",
        "ru": "имя аккаунта в Instagram, без `@`",
    },
    "githubrepo": {"en": "a GitHub repository, written owner/name", "kk": "GitHub репозиторийі, owner/name "
                   "түрінде жазылады", "ru": "репозиторий GitHub в виде owner/name"},
    "choice": {"en": "one of the words {choices}", "kk": "мына сөздердің бірі: {choices}",
               "ru": "одно из слов: {choices}"},
    "latlon": {
        "en": "latitude and longitude in square brackets, like `[43.54, 79.47]`",
        "kk": "шаршы жақшадағы ендік пен бойлық, мысалы `[43.54, 79.47]`",
        "ru": "широта и долгота в квадратных скобках, например `[43.54, 79.47]`",
    },
    "langmap": {
        "en": "a text for each language of the site: `{kk: \"…\", ru: \"…\"}`",
        "kk": "сайттың әр тіліне бір мәтін: `{kk: \"…\", ru: \"…\"}`",
        "ru": "текст на каждом языке сайта: `{kk: \"…\", ru: \"…\"}`",
    },
    "langlist": {
        "en": "a list of language codes, like `[kk, ru]`",
        "kk": "тіл кодтарының тізімі, мысалы `[kk, ru]`",
        "ru": "список кодов языков, например `[kk, ru]`",
    },
    "baseurl": {
        "en": "a full web address, like `https://ovop.example.kz/`",
        "kk": "сайттың толық мекенжайы, мысалы `https://ovop.example.kz/`",
        "ru": "полный адрес сайта, например `https://ovop.example.kz/`",
    },
}

# "site.yaml" first, then every kind of kinds.KINDS (the reference follows the registry's order).
KINDS: dict[str, dict] = {
    "site.yaml": {
        "title": {"en": "Site settings", "kk": "Сайт баптаулары", "ru": "Настройки сайта"},
        "about": {
            "en": "Settings of the whole site, in one file for all languages. A translated field here gives "
                  "its text for every language at once: `{kk: \"…\", ru: \"…\"}`.",
            "kk": "Бүкіл сайттың баптаулары, барлық тілге бір файлда. Мұндағы аударылатын өрістің барлық "
                  "тілдегі мәтіні бірге жазылады: `{kk: \"…\", ru: \"…\"}`.",
            "ru": "Настройки всего сайта, в одном файле для всех языков. Переводимое поле здесь сразу "
                  "содержит текст на каждом языке: `{kk: \"…\", ru: \"…\"}`.",
        },
        "fields": {
            "title": {
                "en": "The site's name: at the top of every page, in the browser tab and at the foot of pages.",
                "kk": "Сайттың атауы: әр беттің жоғарғы жағында, браузер қойындысында және беттің төменгі "
                      "жағында көрінеді.",
                "ru": "Название сайта: вверху каждой страницы, на вкладке браузера и внизу страниц.",
                "example": '{kk: "Бір ауыл – бір өнім", ru: "Одно село – один продукт"}',
            },
            "description": {
                "en": "One sentence about the site: on the home page, at the foot of every page and for "
                      "search engines.",
                "kk": "Сайт туралы бір сөйлем: басты бетте, әр беттің төменгі жағында және іздеу жүйелеріне "
                      "көрсетіледі.",
                "ru": "Одно предложение о сайте: на главной странице, внизу каждой страницы и для поисковых "
                      "систем.",
                "example": '{kk: "Алматы облысының ауыл кәсіпкерлері мен олардың өнімдері.", '
                           'ru: "Сельские производители Алматинской области и их продукция."}',
            },
            "languages": {
                "en": "The languages of the site; the first one is the main language. A new language (such "
                      "as `en`) is added to this list; then every field with a text per language needs a text "
                      "in it too.",
                "kk": "Сайттың тілдері; біріншісі – негізгі тіл. Жаңа тіл (мысалы `en`) осы тізімге қосылады; "
                      "сонда әр тілге мәтін берілетін әр өріске сол тілдегі мәтін де жазылуы керек.",
                "ru": "Языки сайта; первый – основной. Новый язык (например `en`) добавляют в этот список; "
                      "тогда в каждом поле, где текст дан для каждого языка, нужен текст и на новом языке.",
                "example": "[kk, ru]",
            },
            "base_url": {
                "en": "The address the site is published at; the sitemap and the links between languages "
                      "are made from it.",
                "kk": "Сайт жарияланатын мекенжай; сайт картасы мен тілдер арасындағы сілтемелер осыдан "
                      "жасалады.",
                "ru": "Адрес, по которому опубликован сайт; из него строятся карта сайта и ссылки между "
                      "языками.",
                "example": "https://ovop.example.kz/",
            },
            "organizer": {
                "en": "Who runs the programme; shown at the foot of every page.",
                "kk": "Бағдарламаны ұйымдастырушы; әр беттің төменгі жағында көрсетіледі.",
                "ru": "Организатор программы; показывается внизу каждой страницы.",
                "example": '{kk: "«Атамекен» кәсіпкерлер палатасы", ru: "Палата предпринимателей «Атамекен»"}',
            },
            "untranslated": {
                "en": "What a language shows for an entry that has no file in it: `show` – the entry's page is "
                      "there all the same, with its text in another language and a notice; `hide` – neither "
                      "the page nor links to it. Left out, it is `show`.",
                "kk": "Жазбаның бір тілде файлы болмаса, сол тілде не көрсетіледі: `show` – беті бәрібір "
                      "болады, мәтіні басқа тілде, ескертпемен; `hide` – ол тілде жазбаның беті де, оған "
                      "сілтеме де болмайды. Бұл өріс жазылмаса – `show`.",
                "ru": "Что показывать на языке, на котором у записи нет файла: `show` – страница на этом "
                      "языке всё равно есть, с текстом на другом языке и пометкой; `hide` – на этом языке "
                      "нет ни страницы, ни ссылок на неё. Если поле не указано – `show`.",
                "example": "show",
            },
            "data_licence": {
                "en": "The licence the open data (the files under /data/: CSV tables and catalogue.json) is "
                      "published under, as its SPDX name. Left out, it is `CC-BY-4.0`: anyone may reuse the "
                      "data, naming the source.",
                "kk": "Ашық деректер (/data/ ішіндегі файлдар: CSV кестелері мен catalogue.json) жарияланатын "
                      "лицензия, SPDX атауымен. Бұл өріс жазылмаса – `CC-BY-4.0`: деректерді кез келген адам "
                      "дереккөзін көрсетіп пайдалана алады.",
                "ru": "Лицензия, под которой публикуются открытые данные (файлы в /data/: таблицы CSV и "
                      "catalogue.json), её название по SPDX. Если поле не указано – `CC-BY-4.0`: данные "
                      "может использовать любой, указав источник.",
                "example": "CC-BY-4.0",
            },
            "editor_language": {
                "en": "The language of the generator's messages to editors: the problems it finds, their hints "
                      "and the summary at the end of a build (`en`, `kk` or `ru`). Left out, it is `en`; "
                      "`ovop check --lang kk` chooses another for one run.",
                "kk": "Генератордың редакторларға хабарларының тілі: тапқан қателері, кеңестері және сайт "
                      "жасалып біткендегі қорытынды жол (`en`, `kk` не `ru`). Бұл өріс жазылмаса – `en`; бір "
                      "рет басқа тілде көру үшін: `ovop check --lang kk`.",
                "ru": "Язык сообщений генератора для редакторов: найденные ошибки, подсказки и итоговая строка "
                      "после сборки (`en`, `kk` или `ru`). Если поле не указано – `en`; на один запуск язык "
                      "можно выбрать так: `ovop check --lang ru`.",
                "example": "kk",
            },
            "editor_repo": {
                "en": "The GitHub repository (`owner/name`) that the web editor at `/admin/` saves entries to. "
                      "Left out, the editor uses Netlify's Git Gateway (see README).",
                "kk": "`/admin/` веб-редакторы жазбаларды сақтайтын GitHub репозиторийі (`owner/name`). Бұл "
                      "өріс жазылмаса, редактор Netlify Git Gateway арқылы жұмыс істейді (README қараңыз).",
                "ru": "Репозиторий GitHub (`owner/name`), в который веб-редактор `/admin/` сохраняет записи. "
                      "Если поле не указано, редактор работает через Netlify Git Gateway (см. README).",
                "example": "chamber-almaty/ovop-site",
            },
            "publish_originals": {
                "en": "Whether each photo is also published as it was sent, at full size, under "
                      "`/media/<name>`: `true` or `false`. Left out, it is `false`: pages show smaller copies "
                      "(320, 640 and 1280 pixels wide, WebP and JPEG) made from it, upright and without "
                      "the location or other hidden data of the photo.",
                "kk": "Әр суреттің өз толық өлшемінде `/media/<атауы>` мекенжайында да жариялану-жарияланбауы: "
                      "`true` не `false`. Бұл өріс жазылмаса – `false`: беттерде суреттің кішірейтілген "
                      "көшірмелері (ені 320, 640 және 1280 пиксель, WebP және JPEG) көрсетіледі, олар тік "
                      "бұрылған, түсірілген орны мен басқа жасырын деректері өшірілген.",
                "ru": "Публиковать ли каждую фотографию ещё и в исходном размере, по адресу `/media/<имя>`: "
                      "`true` или `false`. Если поле не указано – `false`: на страницах показываются "
                      "уменьшенные копии (320, 640 и 1280 пикселей в ширину, WebP и JPEG), повёрнутые как "
                      "надо и без места съёмки и других скрытых данных снимка.",
                "example": "false",
            },
        },
    },
    "districts": {
        "title": {"en": "Districts", "kk": "Аудандар", "ru": "Районы"},
        "about": {
            "en": "A district of the region; its page shows the district's entrepreneurs, products and "
                  "exhibitions.",
            "kk": "Облыстың ауданы; оның бетінде аудандағы кәсіпкерлер, өнімдер мен көрмелер көрсетіледі.",
            "ru": "Район области; на его странице – предприниматели, продукция и выставки района.",
        },
        "of": {"en": "a district", "kk": "ауданның", "ru": "района"},
        "of_many": {"en": "districts", "kk": "аудандар", "ru": "районов"},
        "example_id": "uygur",
        "fields": {
            "name": {
                "en": "The district's name.",
                "kk": "Ауданның атауы.",
                "ru": "Название района.",
                "example": {"en": "Uygur District", "kk": "Ұйғыр ауданы", "ru": "Уйгурский район"},
            },
            "name_latn": {
                "en": "The name in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh name. Written in "
                      "Cyrillic, the name stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "Ūiğyr audany",
            },
            "center": {
                "en": "The district centre: the village or town where the district's administration sits.",
                "kk": "Аудан орталығы: аудан әкімдігі орналасқан ауыл не қала.",
                "ru": "Районный центр: село или город, где находится акимат района.",
                "example": {"en": "Shonzhy", "kk": "Шонжы", "ru": "Чунджа"},
            },
            "region": {
                "en": "The region the district belongs to.",
                "kk": "Аудан қарасты облыс.",
                "ru": "Область, к которой относится район.",
                "example": {"en": "Almaty Region", "kk": "Алматы облысы", "ru": "Алматинская область"},
            },
            "location": {
                "en": "Where the district's centre is on the map; the page then links to OpenStreetMap.",
                "kk": "Аудан орталығының картадағы орны; сонда бетте OpenStreetMap картасына сілтеме пайда "
                      "болады.",
                "ru": "Где на карте центр района; тогда на странице появится ссылка на карту OpenStreetMap.",
                "example": "[43.54, 79.47]",
            },
        },
    },
    "categories": {
        "title": {"en": "Categories", "kk": "Санаттар", "ru": "Категории"},
        "about": {
            "en": "A kind of product, such as bread or concrete goods; a category may be part of a wider one.",
            "kk": "Өнім санаты, мысалы нан өнімдері не бетон бұйымдары; бір санат кеңірек санаттың ішіне "
                  "кіре алады.",
            "ru": "Категория продукции, например хлебобулочные или бетонные изделия; категория может входить "
                  "в более широкую.",
        },
        "of": {"en": "a category", "kk": "санаттың", "ru": "категории"},
        "of_many": {"en": "categories", "kk": "санаттар", "ru": "категорий"},
        "example_id": "bakery",
        "fields": {
            "name": {
                "en": "The category's name.",
                "kk": "Санаттың атауы.",
                "ru": "Название категории.",
                "example": {"en": "Bread and bakery", "kk": "Нан өнімдері", "ru": "Хлебобулочные изделия"},
            },
            "name_latn": {
                "en": "The name in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh name. Written in "
                      "Cyrillic, the name stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "Nan önımderı",
            },
            "parent": {
                "en": "The wider category this one is part of; that category's page then lists these products "
                      "too. A top-level category has no parent.",
                "kk": "Бұл санат кіретін кеңірек санат; сол санаттың бетінде осы санаттың өнімдері де "
                      "көрсетіледі. Ең жоғарғы деңгейдегі санатта бұл өріс болмайды.",
                "ru": "Более широкая категория, в которую входит эта; на её странице будет и продукция этой "
                      "категории. У категории верхнего уровня этого поля нет.",
                "example": "food",
            },
            "order": {
                "en": "The category's place in lists: smaller numbers come first; categories without it "
                      "follow in alphabetical order.",
                "kk": "Санаттың тізімдегі орны: кіші сан алдында тұрады; бұл өрісі жоқ санаттар олардан кейін "
                      "әліпби ретімен тұрады.",
                "ru": "Место категории в списках: меньшее число идёт раньше; категории без этого поля идут "
                      "после, по алфавиту.",
                "example": "1",
            },
            "icon": {
                "en": "The picture shown for the category's products that have no photo of their own. "
                      "Left out, it is chosen from the category's id (`bakery` gets bread), else its parent's, "
                      "else `other`.",
                "kk": "Өз суреті жоқ өнімдерге көрсетілетін санат белгішесі. Бұл өріс жазылмаса, белгіше "
                      "санаттың идентификаторына қарап таңдалады (`bakery` – нан), болмаса ата-санатынікі "
                      "алынады, ол да болмаса – `other`.",
                "ru": "Значок, который показывается у продукции этой категории без собственной фотографии. "
                      "Если поле не указано, значок выбирается по идентификатору категории (`bakery` – хлеб), "
                      "иначе берётся значок родительской категории, иначе – `other`.",
                "example": "honey",
            },
        },
    },
    "entrepreneurs": {
        "title": {"en": "Entrepreneurs", "kk": "Кәсіпкерлер", "ru": "Предприниматели"},
        "about": {
            "en": "A village producer, a person or a firm; their page shows the products they make.",
            "kk": "Ауылдағы өндіруші – жеке адам не кәсіпорын; оның бетінде шығаратын өнімдері көрсетіледі.",
            "ru": "Сельский производитель – человек или предприятие; на его странице – продукция, которую он "
                  "выпускает.",
        },
        "of": {"en": "an entrepreneur", "kk": "кәсіпкердің", "ru": "предпринимателя"},
        "of_many": {"en": "entrepreneurs", "kk": "кәсіпкерлер", "ru": "предпринимателей"},
        "example_id": "shonzhy-bakery",
        "fields": {
            "name": {
                "en": "The person's name or the firm's name.",
                "kk": "Адамның аты-жөні не кәсіпорынның атауы.",
                "ru": "Имя и фамилия человека или название предприятия.",
                "example": {"en": "«Shonzhy Nan» bakery", "kk": "«Шонжы наны» наубайханасы",
                            "ru": "Пекарня «Чунджинский хлеб»"},
            },
            "name_latn": {
                "en": "The name in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh name. Written in "
                      "Cyrillic, the name stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "«Şonjy nany» naubaihanasy",
            },
            "district": {
                "en": "The district the entrepreneur works in; their products are shown in it too.",
                "kk": "Кәсіпкер жұмыс істейтін аудан; оның өнімдері де осы ауданда көрсетіледі.",
                "ru": "Район, где работает предприниматель; его продукция тоже показывается в этом районе.",
                "example": "uygur",
            },
            "village": {
                "en": "The village or town.",
                "kk": "Ауыл не қала.",
                "ru": "Село или город.",
                "example": {"en": "Shonzhy village", "kk": "Шонжы ауылы", "ru": "село Чунджа"},
            },
            "since": {
                "en": "The year the business started.",
                "kk": "Кәсіп басталған жыл.",
                "ru": "Год, когда предприниматель начал своё дело.",
                "example": "2019",
            },
            "summary": {
                "en": "One line about the entrepreneur, shown on cards and in lists.",
                "kk": "Кәсіпкер туралы бір жол; карточкалар мен тізімдерде көрсетіледі.",
                "ru": "Одна строка о предпринимателе; показывается в карточках и списках.",
                "example": {"en": "Bakes tandyr nan and tin bread every day",
                            "kk": "Күн сайын тандыр нан мен қалып нан пісіреді",
                            "ru": "Каждый день печёт тандырные лепёшки и формовой хлеб"},
            },
            "phone": {
                "en": "A contact phone number; the page shows it as `+7 …`, and a tap on it calls.",
                "kk": "Байланыс телефоны; бетте `+7 …` түрінде көрсетіледі, оны басқанда қоңырау шалынады.",
                "ru": "Контактный телефон; на странице он показан как `+7 …`, нажатие на него – звонок.",
                "example": "8 701 234 56 78",
            },
            "whatsapp": {
                "en": "`true` if the phone number takes WhatsApp messages: the page then has a WhatsApp link. "
                      "Left out, it is `false`.",
                "kk": "Телефон нөміріне WhatsApp арқылы жазуға болса – `true`: сонда бетте WhatsApp "
                      "сілтемесі шығады. Бұл өріс жазылмаса – `false`.",
                "ru": "`true`, если на этот номер можно писать в WhatsApp: тогда на странице будет ссылка "
                      "на WhatsApp. Если поле не указано – `false`.",
                "example": "true",
            },
            "instagram": {
                "en": "The Instagram account.",
                "kk": "Instagram аккаунты.",
                "ru": "Аккаунт в Instagram.",
                "example": "shonzhy_nan",
            },
            "website": {
                "en": "The entrepreneur's own website.",
                "kk": "Кәсіпкердің өз сайты.",
                "ru": "Собственный сайт предпринимателя.",
                "example": "https://shonzhy-nan.example.kz/",
            },
            "email": {
                "en": "An e-mail address to write to.",
                "kk": "Хат жазуға болатын электрондық пошта.",
                "ru": "Электронная почта для писем.",
                "example": "info@shonzhy-nan.example.kz",
            },
            "photo": {
                "en": "A photo of the entrepreneur or of the workshop.",
                "kk": "Кәсіпкердің не шеберхананың суреті.",
                "ru": "Фотография предпринимателя или мастерской.",
                "example": "shonzhy-bakery/oven.jpg",
            },
            "photo_alt": {
                "en": "What the photo shows, in words, for people who cannot see it (screen readers) and "
                      "when it does not load. Left out, the entrepreneur's name is used.",
                "kk": "Суретте не бейнеленгені, сөзбен: оны көре алмайтын адамдарға (экранды оқу "
                      "бағдарламалары) және сурет ашылмағанда көрсетіледі. Бұл өріс жазылмаса, кәсіпкердің "
                      "атауы алынады.",
                "ru": "Что изображено на фотографии, словами: для тех, кто её не видит (программы чтения "
                      "с экрана), и на случай, если она не загрузится. Если поле не указано, берётся имя "
                      "предпринимателя.",
                "example": {"en": "The baker at the tandyr oven", "kk": "Наубайшы тандыр пешінің жанында",
                            "ru": "Пекарь у тандыра"},
            },
            "employees": {
                "en": "How many people work in the business.",
                "kk": "Кәсіпте қанша адам жұмыс істейтіні.",
                "ru": "Сколько человек работает у предпринимателя.",
                "example": "6",
            },
            "added": {
                "en": "The day the entrepreneur joined the catalogue. Left out: the day of the first exhibition they "
                      "took part in, else the newest date in the catalogue. Their products without their own date "
                      "take it.",
                "kk": "Кәсіпкердің каталогқа қосылған күні. Жазылмаса – ол қатысқан алғашқы көрменің күні, ондай "
                      "көрме болмаса – каталогтағы ең соңғы күн. Өз күні жоқ өнімдері осы күнді алады.",
                "ru": "День, когда предприниматель появился в каталоге. Если не указан – день первой выставки, в "
                      "которой он участвовал, а если такой нет – самая поздняя дата каталога. Его продукты без своей "
                      "даты получают эту.",
                "example": "2024-06-13",
            },
        },
    },
    "products": {
        "title": {"en": "Products", "kk": "Өнімдер", "ru": "Продукция"},
        "about": {
            "en": "A product an entrepreneur makes; it is shown in its category and in the entrepreneur's "
                  "district.",
            "kk": "Кәсіпкер шығаратын өнім; ол өз санатында және кәсіпкердің ауданында көрсетіледі.",
            "ru": "Продукт, который выпускает предприниматель; он показан в своей категории и в районе "
                  "предпринимателя.",
        },
        "of": {"en": "a product", "kk": "өнімнің", "ru": "продукта"},
        "of_many": {"en": "products", "kk": "өнімдер", "ru": "продуктов"},
        "example_id": "tandyr-nan",
        "fields": {
            "title": {
                "en": "The product's name.",
                "kk": "Өнімнің атауы.",
                "ru": "Название продукта.",
                "example": {"en": "Tandyr nan", "kk": "Тандыр нан", "ru": "Тандырная лепёшка"},
            },
            "title_latn": {
                "en": "The title in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh title. Written in "
                      "Cyrillic, the title stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "Tandyr nan",
            },
            "entrepreneur": {
                "en": "Who makes the product.",
                "kk": "Өнімді кім шығарады.",
                "ru": "Кто выпускает продукт.",
                "example": "shonzhy-bakery",
            },
            "category": {
                "en": "The product's category.",
                "kk": "Өнімнің санаты.",
                "ru": "Категория продукта.",
                "example": "bakery",
            },
            "summary": {
                "en": "One line about the product, shown on cards and in lists.",
                "kk": "Өнім туралы бір жол; карточкалар мен тізімдерде көрсетіледі.",
                "ru": "Одна строка о продукте; показывается в карточках и списках.",
                "example": {"en": "Soft round bread baked in a tandyr",
                            "kk": "Тандырда пісірілген дөңгелек жұмсақ нан",
                            "ru": "Круглая мягкая лепёшка из тандыра"},
            },
            "price": {
                "en": "The price in tenge, the number only (the page adds the ₸ sign). `0` shows as free; "
                      "with no price the page says the price is on request.",
                "kk": "Теңгемен баға, тек сан (₸ белгісін бет өзі қосады). `0` болса – «тегін» деп "
                      "көрсетіледі; баға жазылмаса, бетте «бағасы келісім бойынша» деп шығады.",
                "ru": "Цена в тенге, только число (знак ₸ страница добавит сама). `0` показывается как "
                      "«бесплатно»; если цены нет, на странице будет «цена по запросу».",
                "example": "200",
            },
            "price_unit": {
                "en": "What the price is for: a piece, a kilogram, a litre.",
                "kk": "Баға неге берілген: дана, кг, литр.",
                "ru": "За что указана цена: шт., кг, литр.",
                "example": {"en": "piece", "kk": "дана", "ru": "шт."},
            },
            "images": {
                "en": "Photos of the product; the first one is its picture on cards.",
                "kk": "Өнімнің суреттері; біріншісі карточкаларда көрсетіледі.",
                "ru": "Фотографии продукта; первая показывается в карточках.",
                "example": "[shonzhy-bakery/tandyr-nan.jpg, shonzhy-bakery/tandyr.jpg]",
            },
            "images_alt": {
                "en": "What each photo shows, in words, in the order of `images`, for people who cannot see "
                      "them (screen readers). A photo without one is described by the product's title.",
                "kk": "Әр суретте не бейнеленгені, сөзбен, `images` тізіміндегі ретімен: суретті көре "
                      "алмайтын адамдарға (экранды оқу бағдарламалары) арналған. Сипаттамасы жоқ суретке "
                      "өнімнің атауы алынады.",
                "ru": "Что изображено на каждой фотографии, словами, в порядке списка `images`: для тех, "
                      "кто их не видит (программы чтения с экрана). Для фотографии без описания берётся "
                      "название продукта.",
                "example": {"en": "[Round tandyr bread, Bread in the oven]",
                            "kk": "[Дөңгелек тандыр нан, Пештегі нан]",
                            "ru": "[Круглая лепёшка из тандыра, Лепёшки в печи]"},
            },
            "tags": {
                "en": "Key words about the product, shown on its page.",
                "kk": "Өнім туралы түйінді сөздер; өнімнің бетінде көрсетіледі.",
                "ru": "Ключевые слова о продукте; показываются на его странице.",
                "example": {"en": "[bread, tandyr]", "kk": "[нан, тандыр]", "ru": "[хлеб, тандыр]"},
            },
            "certificates": {
                "en": "Certificates and standards the product meets, such as a standard's number.",
                "kk": "Өнім сәйкес келетін сертификаттар мен стандарттар, мысалы стандарттың нөмірі.",
                "ru": "Сертификаты и стандарты, которым соответствует продукт, например номер стандарта.",
                "example": "[ГОСТ 31805-2018]",
            },
            "finalist": {
                "en": "The year the brand committee put the product in its top 10; the product is then on "
                      "the finalists' page.",
                "kk": "Бренд комитеті өнімді үздік ондыққа енгізген жыл; сонда өнім финалистер бетінде "
                      "шығады.",
                "ru": "Год, когда бренд-комитет включил продукт в десятку лучших; тогда продукт появится на "
                      "странице финалистов.",
                "example": "2024",
            },
            "added": {
                "en": "The day the product joined the catalogue; the newest products come first in the news feed. "
                      "Left out: the producer's date (their `added`, else the day of their first exhibition, else the"
                      " newest date in the catalogue).",
                "kk": "Өнімнің каталогқа қосылған күні; жаңалықтар арнасында ең жаңа өнімдер бірінші тұрады. "
                      "Жазылмаса – өндірушінің күні (оның `added` өрісі, болмаса ол қатысқан алғашқы көрменің күні, "
                      "болмаса каталогтағы ең соңғы күн).",
                "ru": "День, когда продукт появился в каталоге; в ленте новостей самые новые идут первыми. Если не "
                      "указан – дата производителя (его поле `added`, иначе день его первой выставки, иначе самая "
                      "поздняя дата каталога).",
                "example": "2024-06-13",
            },
        },
    },
    "exhibitions": {
        "title": {"en": "Exhibitions", "kk": "Көрмелер", "ru": "Выставки"},
        "about": {
            "en": "An exhibition of the programme held in a district, with the entrepreneurs who took part.",
            "kk": "Бағдарлама аясында ауданда өткен көрме және оған қатысқан кәсіпкерлер.",
            "ru": "Выставка программы, прошедшая в районе, и предприниматели, которые в ней участвовали.",
        },
        "of": {"en": "an exhibition", "kk": "көрменің", "ru": "выставки"},
        "of_many": {"en": "exhibitions", "kk": "көрмелер", "ru": "выставок"},
        "example_id": "ovop-uygur-2024",
        "fields": {
            "title": {
                "en": "The exhibition's name.",
                "kk": "Көрменің атауы.",
                "ru": "Название выставки.",
                "example": {"en": "«One Village – One Product» exhibition, Uygur District",
                            "kk": "«Бір ауыл – бір өнім» көрмесі, Ұйғыр ауданы",
                            "ru": "Выставка «Одно село – один продукт» в Уйгурском районе"},
            },
            "title_latn": {
                "en": "The title in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh title. Written in "
                      "Cyrillic, the title stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "«Bır auyl – bır önım» körmesı",
            },
            "date": {
                "en": "The day the exhibition was held.",
                "kk": "Көрме өткен күн.",
                "ru": "День, когда прошла выставка.",
                "example": "2024-06-13",
            },
            "district": {
                "en": "The district the exhibition was held in.",
                "kk": "Көрме өткен аудан.",
                "ru": "Район, где прошла выставка.",
                "example": "uygur",
            },
            "place": {
                "en": "Where exactly: the village, the building.",
                "kk": "Нақты қай жерде: ауыл, ғимарат.",
                "ru": "Где именно: село, здание.",
                "example": {"en": "Shonzhy village, House of Culture", "kk": "Шонжы ауылы, Мәдениет үйі",
                            "ru": "село Чунджа, Дом культуры"},
            },
            "participants": {
                "en": "How many entrepreneurs took part (it may be more than the entrepreneurs listed).",
                "kk": "Көрмеге қанша кәсіпкер қатысқаны (тізімдегі кәсіпкерлерден көп болуы мүмкін).",
                "ru": "Сколько предпринимателей участвовало (может быть больше, чем перечислено).",
                "example": "29",
            },
            "entrepreneurs": {
                "en": "The participants who have a page in the catalogue.",
                "kk": "Каталогта беті бар қатысушылар.",
                "ru": "Участники, у которых есть страница в каталоге.",
                "example": "[nurshidin-savirdinov, shonzhy-bakery]",
            },
            "images": {
                "en": "Photos from the exhibition.",
                "kk": "Көрмеде түсірілген суреттер.",
                "ru": "Фотографии с выставки.",
                "example": "[ovop-uygur-2024/hall.jpg]",
            },
            "added": {
                "en": "The day the exhibition was announced in the catalogue, for the news feed. Left out: the day of"
                      " the exhibition.",
                "kk": "Көрменің каталогта жарияланған күні, жаңалықтар арнасы үшін. Жазылмаса – көрме өткен күн.",
                "ru": "День, когда выставка появилась в каталоге, для ленты новостей. Если не указан – день выставки.",
                "example": "2024-06-13",
            },
            "images_alt": {
                "en": "What each photo shows, in words, in the order of `images`. A photo without one is "
                      "described by the exhibition's title.",
                "kk": "Әр суретте не бейнеленгені, сөзбен, `images` тізіміндегі ретімен. Сипаттамасы жоқ "
                      "суретке көрменің атауы алынады.",
                "ru": "Что изображено на каждой фотографии, словами, в порядке списка `images`. Для "
                      "фотографии без описания берётся название выставки.",
                "example": {"en": "[Stands in the hall]", "kk": "[Залдағы стендтер]",
                            "ru": "[Стенды в зале]"},
            },
        },
    },
    "pages": {
        "title": {"en": "Pages", "kk": "Беттер", "ru": "Страницы"},
        "about": {
            "en": "A page of free text: about the programme, how to take part, contacts. Its id cannot be a "
                  "name the site itself uses, such as `districts` or `products`.",
            "kk": "Еркін мәтіні бар бет: бағдарлама туралы, қалай қатысуға болады, байланыс. Оның "
                  "идентификаторы сайттың өзі қолданатын атау бола алмайды, мысалы `districts` не `products`.",
            "ru": "Страница со свободным текстом: о программе, как принять участие, контакты. Её id не может "
                  "совпадать с названием, которое использует сам сайт, например `districts` или `products`.",
        },
        "of": {"en": "a page", "kk": "беттің", "ru": "страницы"},
        "of_many": {"en": "pages", "kk": "беттер", "ru": "страниц"},
        "example_id": "programme",
        "fields": {
            "title": {
                "en": "The page's title; the menu shows it too.",
                "kk": "Беттің тақырыбы; мәзірде де осы атаумен тұрады.",
                "ru": "Заголовок страницы; под этим названием она стоит и в меню.",
                "example": {"en": "About the programme", "kk": "Бағдарлама туралы", "ru": "О программе"},
            },
            "title_latn": {
                "en": "The title in Latin letters on the Kazakh pages in the Latin alphabet (kk-Latn), when it "
                      "should differ from the automatic transliteration of the Kazakh title. Written in "
                      "Cyrillic, the title stays in Cyrillic there.",
                "kk": "Латын әліпбиіндегі қазақша беттердегі (kk-Latn) атауы, егер ол қазақша атаудың "
                      "автоматты түрде латынға көшірілген түрінен өзге болуы керек болса. Кириллицамен "
                      "жазылса, атау ол беттерде кириллицамен қалады.",
                "ru": "Название латиницей на казахских страницах в латинской графике (kk-Latn), если оно "
                      "должно отличаться от автоматической транслитерации казахского названия. Если написать "
                      "его кириллицей, там оно останется кириллицей.",
                "example": "Bağdarlama turaly",
            },
            "menu": {
                "en": "The page's place in the main menu: smaller numbers come first. Without it the page is "
                      "not in the menu.",
                "kk": "Беттің басты мәзірдегі орны: кіші сан алдында тұрады. Бұл өріс жазылмаса, бет мәзірде "
                      "болмайды.",
                "ru": "Место страницы в главном меню: меньшее число идёт раньше. Без этого поля страницы в меню "
                      "нет.",
                "example": "1",
            },
        },
    },
}
