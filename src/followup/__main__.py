from followup.entry import main

main()
