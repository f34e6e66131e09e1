"""wupmodel: scenario and financial modelling for Dutch village heat plans (WUP)."""
