<#include "_lib.ftli">
<#-- 委外机构持有的案件已还清或被暂停时发给该机构：停止催收。 -->
${lender.name}于${date(notice.date)}撤回案件${notice.reference}。
借款人${borrower.name}，借款${installment.loanIdMasked}。
<#if debt.amountDue == 0>该笔欠款已全部还清，请结案，不得再联系借款人。
<#else>该案件已被出借人暂停处理（异议、投诉或其他核查），请立即停止与借款人的一切联系并退回案件资料；如案件重新委托，${lender.name}将另行通知。
</#if>如有疑问请联系：${lender.complaints}。
