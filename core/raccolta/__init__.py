"""``ciclope raccolta crea|unisci``: the evaluation cards collected from each evaluator, and back (issue 42).

- :mod:`.plan` — who evaluates whom, which card items and which indicators go in each workbook;
- :mod:`.layout` — the workbook's sheets and columns, and the locked content a return is checked against;
- :mod:`.workbook` — one workbook per evaluator (fillable cells unlocked, drop-downs, a hidden signature);
- :mod:`.manifest` — ``raccolta.json``: what was sent, the reference of every check on return;
- :mod:`.readback` — a returned workbook read and checked (ente, evaluator, cells changed outside the fillable ones);
- :mod:`.entedata` — the ente's evaluations and indicator actuals, read and written back with a named backup;
- :mod:`.merge` — the returns joined to the ente's data: conflicts are errors, a second merge changes nothing;
- :mod:`.command` — the command line and the status table.
"""
