# Type ARGUMENT and a Tab into a real interactive zsh (on a pseudo-terminal, through zsh's
# zpty module) with followup's completion loaded; print what zsh shows once it shows
# EXPECTED (or after 30 seconds). With a third argument `installed`, the shell starts as a
# user's does after `followup --install-completion` (reading $HOME/.zshrc, the script
# autoloaded from ~/.zfunc); otherwise the script is loaded with eval.
zmodload zsh/zpty
if [[ $3 == installed ]]; then
  zpty shell zsh -i
  zpty -w shell 'PROMPT="> "'
else
  zpty shell zsh -f -i
  zpty -w shell 'PROMPT="> "; autoload -U compinit; compinit -u -D'
  zpty -w shell 'eval "$(followup --show-completion zsh)"'
fi
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
