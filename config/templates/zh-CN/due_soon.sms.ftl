<#include "_lib.ftli">
【${lender.shortName}】尊敬的${addressee}，您的借款将于${date(installment.dueDate)}到期，请在“${lender.appName}”App按时还款。如已还款请忽略。回复TD退订
