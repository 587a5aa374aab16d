# Sourced by the precision benchmarks: first_frames <seq> <frames> <dest> lays out a one-sequence
# DAVIS folder at <dest> (symbolic links to the first <frames> frames of <seq> in
# ../shared/data/davis-multi-pseudo, its first annotation, an ImageSets list). Needs $shared.
first_frames() {
  local seq="$1" frames="$2" data="$3" src="$shared/data/davis-multi-pseudo" f
  [ -d "$src/JPEGImages/480p/$seq" ] || { echo "no sequence $seq in $src/JPEGImages/480p" >&2; exit 2; }
  mkdir -p "$data/JPEGImages/480p/$seq" "$data/Annotations/480p/$seq" "$data/ImageSets/2017"
  echo "$seq" > "$data/ImageSets/2017/val.txt"
  for f in $(ls "$src/JPEGImages/480p/$seq" | head -n "$frames"); do
    ln -s "$src/JPEGImages/480p/$seq/$f" "$data/JPEGImages/480p/$seq/$f"
  done
  cp "$src/Annotations/480p/$seq/00000.png" "$data/Annotations/480p/$seq/"
}
