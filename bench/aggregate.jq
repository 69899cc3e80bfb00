# What a trainer would write with jq to get the group's headline figures
# from tangping result files: for every dimension and behaviour, how many
# results score it, the sum and the sum of squares of the scores (mean and
# SD follow), and how many results flag each behaviour. It reads the stored
# scores as they are; tangping group also recomputes every one of them
# from the answers (docs/performance.md). Run with jq -n.
reduce (inputs | .dimensions[], .behaviours[] | select(.score != null)) as $s ({};
  .[$s.id].n += 1
  | .[$s.id].sum += $s.score
  | .[$s.id].sq += ($s.score * $s.score)
  | .[$s.id].flagged += (if $s.flagged then 1 else 0 end))
