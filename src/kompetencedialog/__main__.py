from kompetencedialog.cli import main

main()
