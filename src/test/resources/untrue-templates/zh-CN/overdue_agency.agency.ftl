<#-- 随案件一同移交委外催收机构的说明。 -->
案件${notice.reference}由${lender.name}于${notice.date}委托移交。
借款人${borrower.name}，借款${installment.loanIdMasked}<#if installment.number??>第${installment.number}期</#if>，应还日${installment.dueDate}，已逾期${installment.dpd}天。
逾期金额（${installment.currency}）：本金${installment.principal?string["0.00"]}，利息${installment.interest?string["0.00"]}，费用${installment.fees?string["0.00"]}，合计${installment.amountDue?string["0.00"]}。
借款人已收到短信、电子邮件及书面通知，其中包括载明还款期限的正式逾期通知。
仅可联系借款人本人，且须在借款人当地时间08:00-21:00之间；不得联系其亲友、单位或同事。如借款人提出异议或表示已还款，应立即停止催收并转回${lender.name}处理（${lender.complaints}）。
