from fachakte_compiler.cli.main import main

main()
