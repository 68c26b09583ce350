from jarjesto_cli.cli import main

main()
