"""A generated catalogue for the search tests: a few hundred products whose titles share
beginnings on purpose (бал: honey, балық: fish, балмұздақ: ice cream, бала: child; тары:
millet, тарақ: comb; сақина: ring), in kk and ru. Deterministic; the people, villages
and prices are made up.

    write_catalogue(root, products=300)   # writes root/site.yaml, root/products/…
"""

from __future__ import annotations

import random
from pathlib import Path

DISTRICTS = [("uygur", "Ұйғыр ауданы", "Уйгурский район"), ("raiymbek", "Райымбек ауданы", "Райымбекский район"),
             ("talgar", "Талғар ауданы", "Талгарский район"), ("zhambyl", "Жамбыл ауданы", "Жамбылский район")]
# id, parent, kk, ru
CATEGORIES = [("food", None, "Азық-түлік", "Продукты питания"), ("honey", "food", "Бал", "Мёд"),
              ("dairy", "food", "Сүт өнімдері", "Молочная продукция"), ("grain", "food", "Дәнді дақылдар", "Зерновые"),
              ("bakery", "food", "Нан өнімдері", "Хлебобулочные изделия"), ("fish", "food", "Балық", "Рыба"),
              ("crafts", None, "Қолөнер", "Ремёсла"),
              ("concrete", None, "Бетон бұйымдары", "Бетонные изделия")]
# slug, kk title, ru title, category
KINDS = [("mountain-honey", "Тау балы", "Горный мёд", "honey"), ("honeycomb", "Ұялы бал", "Сотовый мёд", "honey"),
         ("carp", "Балық", "Карп", "fish"), ("ice-cream", "Балмұздақ", "Мороженое", "dairy"),
         ("kids-clothes", "Бала киімі", "Детская одежда", "crafts"), ("kumys", "Қымыз", "Кумыс", "dairy"),
         ("shubat", "Шұбат", "Шубат", "dairy"), ("millet", "Тары", "Просо", "grain"),
         ("wheat", "Бидай", "Пшеница", "grain"), ("tandyr-nan", "Тандыр нан", "Тандырная лепёшка", "bakery"),
         ("rye-bread", "Қара нан", "Ржаной хлеб", "bakery"),
         ("concrete-rings", "Бетон сақиналары", "Бетонные кольца", "concrete"),
         ("silver-ring", "Күміс сақина", "Серебряное кольцо", "crafts"), ("comb", "Ағаш тарақ", "Деревянная расчёска", "crafts"),
         ("tiles", "Тротуар плиткасы", "Тротуарная плитка", "concrete")]
BRANDS = ["Алтын", "Жайлау", "Береке", "Самал", "Шапағат"]
WORDS_KK = ["жергілікті", "таза", "үйде", "жасалған", "сапалы", "ауыл", "табиғи", "дәмді"]
WORDS_RU = ["местный", "чистый", "домашний", "качественный", "сельский", "натуральный", "вкусный"]
SITE = """\
title:
  kk: "Іздеу сынағы"
  ru: "Проверка поиска"
description:
  kk: "Іздеуді сынауға арналған ойдан шығарылған каталог."
  ru: "Выдуманный каталог для проверки поиска."
languages: [kk, ru]
base_url: "https://ovop.example.kz/ovop/"
"""


def _entry(front: dict, body: str = "") -> str:
    lines = ["---"]
    for key, value in front.items():
        if isinstance(value, list):
            value = "[" + ", ".join(value) + "]"
        lines.append(f"{key}: {value}")
    return "\n".join(lines + ["---", body, ""])


def write_catalogue(root: Path, products: int = 300, seed: int = 7) -> Path:
    rng = random.Random(seed)
    root = Path(root)
    files: dict[str, str] = {"site.yaml": SITE}
    for did, kk, ru in DISTRICTS:
        files[f"districts/{did}.kk.md"] = _entry({"name": kk})
        files[f"districts/{did}.ru.md"] = _entry({"name": ru})
    for cid, parent, kk, ru in CATEGORIES:
        files[f"categories/{cid}.kk.md"] = _entry({"name": kk, **({"parent": parent} if parent else {})})
        files[f"categories/{cid}.ru.md"] = _entry({"name": ru})
    ents = max(1, products // 4)
    for i in range(ents):
        did = DISTRICTS[i % len(DISTRICTS)][0]
        files[f"entrepreneurs/e{i}.kk.md"] = _entry({"name": f"Кәсіпкер {i} (үлгі)", "district": did,
                                                     "village": "Шонжы"})
        files[f"entrepreneurs/e{i}.ru.md"] = _entry({"name": f"Предприниматель {i} (пример)", "village": "Чунджа"})
    for i in range(products):
        slug, kk, ru, cat = KINDS[i % len(KINDS)]
        if rng.random() < 0.5:
            brand = rng.choice(BRANDS)
            kk, ru = f"{kk} «{brand}»", f"{ru} «{brand}»"
        shared: dict = {"entrepreneur": f"e{rng.randrange(ents)}", "category": cat}
        if rng.random() < 0.85:
            shared["price"] = rng.randrange(100, 50000, 50)
        files[f"products/{slug}-{i}.kk.md"] = _entry(
            {"title": kk, **shared, "summary": " ".join(rng.sample(WORDS_KK, 3))}, "Үлгі өнім.")
        files[f"products/{slug}-{i}.ru.md"] = _entry(
            {"title": ru, "summary": " ".join(rng.sample(WORDS_RU, 3))}, "Пример товара.")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root
