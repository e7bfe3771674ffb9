"""Ticket printing: one layout (layout.py) rendered to ESC/POS bytes (escpos_out.py) and to a
picture of the paper (preview.py); transports from [printer] (transports.py); bounded print jobs
and the flow with the queue (service.py: TicketPrinter, print_job, resolve_left_printing).
Fault codes and their words: faults.py. A local network printer for tests: emulator.py."""
