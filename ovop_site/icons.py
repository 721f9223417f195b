"""A picture for every category: the small SVG icons in templates/assets/icons/.

Where a product or a producer has no photo, its card and page show its category's
picture. Which one: the category's optional `icon` field; else the first word of its id
that names a picture here (`bakery` → bread, `construction-materials` → building); else
its parent category's picture; else `other`. The icons were drawn for the project (CC0,
see templates/assets/icons/README.md) and are published as content-hashed assets like
the stylesheet (render.ASSETS).
"""

from __future__ import annotations

from typing import Any

ICONS = ("bread", "dairy", "honey", "meat", "crafts", "clothing", "building", "metalwork",
         "furniture", "transport", "other")
FALLBACK = "other"

# words of a category id (split at hyphens) → picture; the sample content's ids and the
# usual English words for the programme's kinds of products
WORDS = {
    "bread": ("bakery", "bread", "breads", "nan", "baking", "flour", "pastry", "food"),
    "honey": ("honey", "bal", "confectionery", "sweets", "sweet", "candy", "cakes", "cake", "beekeeping"),
    "dairy": ("dairy", "milk", "cheese", "kumys", "kymyz", "butter", "kaimak", "shubat"),
    "meat": ("meat", "sausage", "sausages", "semi", "kazy", "poultry", "fish", "frozen"),
    "crafts": ("crafts", "craft", "handicraft", "souvenir", "souvenirs", "felt", "carpet", "carpets",
               "ornament", "jewellery", "jewelry", "leather"),
    "clothing": ("clothing", "clothes", "footwear", "shoes", "textile", "textiles", "sewing", "costume"),
    "building": ("construction", "building", "concrete", "brick", "bricks", "windows", "doors", "blocks",
                 "materials", "roofing"),
    "metalwork": ("metalwork", "metal", "metals", "forge", "forging", "iron", "steel", "welding"),
    "furniture": ("furniture", "wood", "woodwork", "carpentry", "joinery"),
    "transport": ("vehicles", "vehicle", "transport", "cart", "carts", "trailer", "trailers", "auto", "cars"),
}
_BY_WORD = {word: icon for icon, words in WORDS.items() for word in words}


def asset(icon: str) -> str:
    """The asset name of a picture: 'bread' → 'icons/bread.svg' (a key of render.asset_names)."""
    return f"icons/{icon}.svg"


ASSETS = tuple(asset(i) for i in ICONS)


def icon_of(category: Any) -> str:
    """The picture of a category record (one of ICONS), by the rules above."""
    seen: list[Any] = []
    while category is not None and category not in seen:
        chosen = getattr(category, "icon", None)
        if chosen in ICONS:
            return chosen
        for word in category.id.split("-"):
            if word in _BY_WORD:
                return _BY_WORD[word]
        seen.append(category)
        category = category.parent
    return FALLBACK
