<#include "_lib.ftli">
【${lender.shortName}】尊敬的${addressee}，您${date(debt.oldestDueDate)}到期的借款尚未还款，请在“${lender.appName}”App还款。客服${lender.hotline}。回复TD退订
