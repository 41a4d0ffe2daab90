Payment reminder
