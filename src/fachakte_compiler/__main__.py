import sys

try:
    from fachakte_compiler.cli.main import main
except KeyboardInterrupt:  # Ctrl-C while the interpreter is still starting: nothing happened yet
    sys.exit(130)  # 128 + SIGINT, as for a Ctrl-C later on

main()
