<#include "_lib.ftli">
<#-- 委外機構持有的案件已還清或被暫停時發給該機構：停止催收。 -->
${lender.name}於${date(notice.date)}撤回案件${notice.reference}。
借款人${borrower.name}，貸款${installment.loanIdMasked}。
<#if debt.amountDue == 0>該筆欠款已全部清償，請結案，不得再聯絡借款人。
<#else>該案件已被貸款機構暫停處理（異議、申訴或其他查核），請立即停止與借款人的一切聯絡並退回案件資料；如案件重新委託，${lender.name}將另行通知。
</#if>如有疑問請聯絡：${lender.complaints}。
