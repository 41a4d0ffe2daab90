<#include "_lib.ftli">
【${lender.shortName}】${addressee}您好，您的貸款<#if installment.dpd gte 0>今天到期<#else>將於${date(installment.dueDate)}到期</#if>，請在「${lender.appName}」App按時還款。如已還款請忽略。回覆TD退訂
