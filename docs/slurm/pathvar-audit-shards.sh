#!/usr/bin/env bash
# One audit of a large log as a Slurm job array of 8 shards, then one merge.
# Submit with:   sbatch pathvar-audit-shards.sh
# The merge runs only after every shard has finished without error.
#SBATCH --job-name=pathvar-shards
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=02:00:00
#SBATCH --output=logs/pathvar-shard-%a.out
set -euo pipefail

SHARDS=8
DATA=${PATHVAR_DATA:-/shared/quality/pathvar}

pathvar audit \
    --pathway "$DATA/pathways/sepsis-ed.xml" \
    --log "$DATA/logs/ed-2025.csv.gz" \
    --timezone Europe/London \
    --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
    --partial "$DATA/partials/shard-${SLURM_ARRAY_TASK_ID}.json" \
    --partial-only --quiet

# The last shard to start submits the merge, to run once the whole array has succeeded.
if [ "${SLURM_ARRAY_TASK_ID}" -eq $((SHARDS - 1)) ]; then
    sbatch --dependency="afterok:${SLURM_ARRAY_JOB_ID}" --job-name=pathvar-merge --cpus-per-task=2 --mem=1G \
        --output=logs/pathvar-merge.out \
        --wrap="pathvar merge $DATA/partials/shard-*.json --out $DATA/reports/sepsis-ed-2025"
fi
