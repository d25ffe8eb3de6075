from fachakte_compiler.entry import main

main()
