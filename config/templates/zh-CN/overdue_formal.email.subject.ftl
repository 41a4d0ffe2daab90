逾期还款通知（通知编号${notice.reference}）
