<#include "_lib.ftli">
【${lender.shortName}】尊敬的${addressee}，您的借款<#if installment.dpd gte 0>今天到期<#else>将于${date(installment.dueDate)}到期</#if>，请在“${lender.appName}”App按时还款。如已还款请忽略。回复TD退订
