from jaartaak.cli import main

main()
