<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"TWD": "新臺幣", "CNY": "人民幣", "USD": "美元", "HKD": "港幣"}[installment.currency]!installment.currency>
關於貸款逾期還款的通知
編號：${notice.reference}

發函機構：${lender.name}
借款人：${borrower.name}
貸款編號：${installment.loanIdMasked}

${borrower.name} 臺鑒：

依您與本公司簽訂的貸款契約，您的貸款<#if installment.number??>第${installment.number}期</#if>應於${due}還款。截至${asOf}，該期款項尚未清償，已逾期${installment.dpd}天。截至該日的逾期款項明細如下（幣別：${currencyName}）：
- 本金：${installment.principal?string["0.00"]}
- 利息：${installment.interest?string["0.00"]}
- 費用：${installment.fees?string["0.00"]}
- 合計應還：${installment.amountDue?string["0.00"]}

敬請於${deadline}前清償上述全部逾期款項。

還款方式：
- 透過「${lender.appName}」App：我的貸款 > 立即還款；
- 登入官方網站 ${lender.website} 還款；
- 銀行匯款：請於匯款附言註明貸款編號及本通知編號，收款帳戶資訊可於App內查詢或致電客服專線取得。

如您確有還款困難，請於${deadline}前與我們聯絡，我們將依您的實際狀況，與您協商還款計畫。

如您對上述款項有異議或已完成還款，請憑本通知編號與我們聯絡，我們將於查核後以書面回覆；查核期間，我們將暫停就有異議的款項向您催收。

特別提醒：
- 依貸款契約約定，逾期期間可能持續產生遲延利息；
- 本公司依法向徵信機構報送還款資訊。依相關法令規定，特此事先通知：如您未能於上述期限前還款，本公司將報送本次逾期紀錄，可能影響您的個人信用紀錄；
- 如款項長期未清償，本公司保留依法透過訴訟等合法途徑求償的權利。
本通知由${lender.name}以貸款機構身分發出，並非法院或其他政府機關之文書。

聯絡方式：
- 客服專線：${lender.hotline}
- 電子郵件：${lender.email}
- 官方網站：${lender.website}
- 通訊地址：${lender.address?replace("\n", " ")}
- 申訴管道：${lender.complaints}

如您已完成還款，請忽略本通知。感謝您的體諒與配合！

特此通知。

${lender.name}
${asOf}
