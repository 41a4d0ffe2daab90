<#-- 隨案件一同移交委外催收機構的說明。 -->
案件${notice.reference}由${lender.name}於${notice.date}委託移交。
借款人${borrower.name}，貸款${installment.loanIdMasked}<#if installment.number??>第${installment.number}期</#if>，應繳日${installment.dueDate}，已逾期${installment.dpd}天。
逾期金額（${installment.currency}）：本金${installment.principal?string["0.00"]}，利息${installment.interest?string["0.00"]}，費用${installment.fees?string["0.00"]}，合計${installment.amountDue?string["0.00"]}。
借款人已收到簡訊、電子郵件及書面通知，其中包括載明繳款期限的正式逾期通知。
僅可聯絡借款人本人，且須在借款人當地時間08:00-21:00之間；不得聯絡其親友、雇主或同事。如借款人提出異議或表示已繳款，應立即停止催收並轉回${lender.name}處理（${lender.complaints}）。
