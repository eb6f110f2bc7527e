
# brag: tags, entry ids and period words, from the log in use.
complete -c brag -n '__fish_seen_subcommand_from show edit amend rm' -f -a '(brag list --format ids 2>/dev/null)'
complete -c brag -l tag -f -a '(brag tags --format ids 2>/dev/null)'
complete -c brag -l any-tag -f -a '(brag tags --format ids 2>/dev/null)'
complete -c brag -l not-tag -f -a '(brag tags --format ids 2>/dev/null)'
complete -c brag -l since -f -a 'today yesterday this-week last-week this-month last-month this-quarter last-quarter this-year last-year last-review this-cycle'
complete -c brag -l until -f -a 'today yesterday this-week last-week this-month last-month this-quarter last-quarter this-year last-year last-review this-cycle'
complete -c brag -l on -f -a 'today yesterday this-week last-week this-month last-month this-quarter last-quarter this-year last-year last-review this-cycle'
