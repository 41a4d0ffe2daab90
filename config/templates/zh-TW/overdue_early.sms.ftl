<#include "_lib.ftli">
【${lender.shortName}】${addressee}您好，您${date(debt.oldestDueDate)}到期的貸款尚未還款，請在「${lender.appName}」App還款。客服${lender.hotline}。回覆TD退訂
