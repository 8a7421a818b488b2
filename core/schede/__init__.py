"""``ciclope schede-personali``: one scheda per employee (issue 42)."""
