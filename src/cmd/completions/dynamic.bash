
# brag: tags, entry ids and period words, from the log in use (with the --file or
# --config given on the line, if any); everything else from _brag above.
_brag_dynamic() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local i sub="" at=0 global=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --file|--config) global+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); ((i++)) ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="${COMP_WORDS[i]}"; at=$i; fi ;;
        esac
    done
    case "$prev" in
        --tag|--any-tag|--not-tag)
            COMPREPLY=($(compgen -W "$(brag "${global[@]}" tags --format ids 2>/dev/null)" -- "$cur"))
            return 0 ;;
        --since|--until|--on|--period)
            COMPREPLY=($(compgen -W "today yesterday this-week last-week this-month last-month \
this-quarter last-quarter this-half last-half this-year last-year last-review this-cycle" -- "$cur"))
            return 0 ;;
    esac
    case "$sub" in
        show|edit|amend|rm)
            if [[ $COMP_CWORD -eq $((at + 1)) && "$cur" != -* ]]; then
                # Any id that holds what was typed, as `brag show` matches part of one.
                local id
                COMPREPLY=()
                for id in $(brag "${global[@]}" list --format ids 2>/dev/null); do
                    [[ "$id" == *"$cur"* ]] && COMPREPLY+=("$id")
                done
                return 0
            fi ;;
    esac
    _brag "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _brag_dynamic -o nosort -o bashdefault -o default brag
else
    complete -F _brag_dynamic -o bashdefault -o default brag
fi
