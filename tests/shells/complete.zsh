# Type ARGUMENT and a Tab into a real interactive zsh (on a pseudo-terminal, through zsh's
# zpty module) with followup's completion installed, and print what zsh shows.
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell 'PROMPT="> "; autoload -U compinit; compinit -u -D'
zpty -w shell 'eval "$(followup --show-completion zsh)"'
zpty -w shell 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no; LISTMAX=0'
zpty -w -n shell "$1"$'\t'
sleep ${2:-3}
local out="" chunk
while zpty -r -t shell chunk; do out+=$chunk; done
print -r -- "$out"
zpty -d shell
