"""ovop-site: the static site generator of the «Бір ауыл – бір өнім» catalogue.

The library is the product; the command line (ovop_site.cli) is a thin layer over it:

    from ovop_site import build, load_site, ContentError
    report = build("content", "public")
"""

from .builder import BuildReport, build, load_site
from .problems import ContentError, Problem, Problems
from .write import OutputError

__all__ = ["build", "load_site", "BuildReport", "ContentError", "OutputError", "Problem", "Problems"]
