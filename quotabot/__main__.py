from quotabot.cli import main

main()
