# Type ARGUMENT and a Tab into a real interactive zsh (on a pseudo-terminal, through zsh's
# zpty module) with followup's completion installed; print what zsh shows once it shows
# EXPECTED (or after 30 seconds).
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell 'PROMPT="> "; autoload -U compinit; compinit -u -D'
zpty -w shell 'eval "$(followup --show-completion zsh)"'
zpty -w shell 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no; LISTMAX=0'
zpty -w -n shell "$1"$'\t'
local out="" chunk
integer deadline=$(( SECONDS + 30 ))
while (( SECONDS < deadline )) && [[ $out != *"$2"* ]]; do
  if zpty -r -t shell chunk; then out+=$chunk; else sleep 0.1; fi
done
sleep 0.5  # the rest of the list
while zpty -r -t shell chunk; do out+=$chunk; done
print -r -- "$out"
zpty -d shell
