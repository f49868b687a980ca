from codemods.fastpath import main

main()
