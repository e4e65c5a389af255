from rnntrace.cli import main

main()
