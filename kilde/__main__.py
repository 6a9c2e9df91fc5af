from kilde.cli import main

main()
