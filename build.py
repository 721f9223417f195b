from ovop_site.cli import main

raise SystemExit(main())
