逾期還款通知（通知編號${notice.reference}）
