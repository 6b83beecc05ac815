"""The AYA case registry: programs, cases, timelines, referrals, import and export."""
