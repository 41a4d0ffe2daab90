Payment due soon
